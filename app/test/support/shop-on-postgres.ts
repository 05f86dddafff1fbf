import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { testAdminPasswordHash } from './config.js';
import { insertProduct } from './fixtures.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { freePort, startProcess, waitForOk, type ServerProcess } from './server-process.js';

// For fault tests: a throwaway PostgreSQL server of the test's own (so it can be crashed or
// frozen without touching the suite's), a migrated database with one product in deep stock,
// and the compiled shop as a real process on it.

export interface ShopOnPostgres {
  cluster: PostgresCluster;
  shop: ServerProcess;
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
  const port = await freePort();
  const shop = startProcess('server.js', {
    PORT: String(port),
    METRICS_PORT: String(await freePort()),
    DATABASE_URL: options.databaseUrl === undefined ? cluster.url('shop') : await options.databaseUrl(cluster),
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ADMIN_PASSWORD_HASH: testAdminPasswordHash,
    RATE_LIMIT_MAX: '100000000',
    CATALOG_CACHE_TTL_MS: '0',
    LOG_LEVEL: 'error',
    ...options.env,
  }, options.nodeArgs);
  const url = `http://127.0.0.1:${port}`;
  await waitForOk(`${url}/readyz`, 30_000);
  const alive = () => shop.child.exitCode === null && shop.child.signalCode === null;
  return {
    cluster,
    shop,
    url,
    sku: product.sku,
    productId: product.id,
    initialStock,
    db,
    alive,
    async close() {
      cluster.thaw();
      shop.child.kill('SIGKILL');
      await db.close().catch(() => undefined);
      await cluster.stop();
    },
  };
}
