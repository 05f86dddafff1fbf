import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { startPostgresCluster, startShopProcess, type PostgresCluster, type ShopProcess } from '../../src/harness/index.js';
import { testAdminPasswordHash } from './config.js';
import { insertProduct } from './fixtures.js';

// For fault tests: a throwaway PostgreSQL server of the test's own (so it can be crashed or
// frozen without touching the suite's), a migrated database with one product in deep stock,
// and the compiled shop as a real process on it.

export interface ShopOnPostgres {
  cluster: PostgresCluster;
  shop: ShopProcess;
  url: string;
  sku: string;
  productId: number;
  initialStock: number;
  /** The test's own pool on the shop's database, for counting orders and stock afterwards. */
  db: Database;
  /** True while the shop process has neither exited nor been killed by a signal. */
  alive(): boolean;
  close(): Promise<void>;
}

export interface ShopOnPostgresOptions {
  /** Settings for the shop; they win over the defaults. */
  env?: Record<string, string>;
  /** The database URL the shop gets, e.g. through a proxy; default the cluster's own. */
  databaseUrl?: (cluster: PostgresCluster) => Promise<string>;
  /** Options for node before the script, e.g. the tracing preload. */
  nodeArgs?: readonly string[];
}

export async function startShopOnPostgres(options: ShopOnPostgresOptions = {}): Promise<ShopOnPostgres> {
  const cluster = await startPostgresCluster({ durableCommits: true });
  const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
  await admin.exec('CREATE DATABASE shop');
  await admin.close();
  const db = openPostgres({ connectionString: cluster.url('shop'), max: 2 });
  await migrate(db);
  const initialStock = 1_000_000;
  const product = await insertProduct(db, { stock: initialStock, priceCents: 1_999 });
  const shop = await startShopProcess({
    env: {
      DATABASE_URL: options.databaseUrl === undefined ? cluster.url('shop') : await options.databaseUrl(cluster),
      ADMIN_PASSWORD_HASH: testAdminPasswordHash,
      CATALOG_CACHE_TTL_MS: '0',
      LOG_LEVEL: 'error',
      ...options.env,
    },
    output: 'capture',
    ...(options.nodeArgs === undefined ? {} : { nodeArgs: options.nodeArgs }),
    readyTimeoutMs: 30_000,
  }).catch(async (error: unknown) => {
    await db.close().catch(() => undefined);
    await cluster.stop();
    throw error;
  });
  return {
    cluster,
    shop,
    url: shop.url,
    sku: product.sku,
    productId: product.id,
    initialStock,
    db,
    alive: shop.running,
    async close() {
      cluster.thaw();
      await shop.kill();
      await db.close().catch(() => undefined);
      await cluster.stop();
    },
  };
}
