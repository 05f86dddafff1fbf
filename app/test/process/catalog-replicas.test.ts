import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { testAdminPassword, testAdminPasswordHash } from '../support/config.js';
import { insertCategory, insertProduct, insertVendor, type ProductRow } from '../support/fixtures.js';
import { startPostgresCluster, startShopProcess, type PostgresCluster, type ShopProcess } from '../../src/harness/index.js';

// Two shop processes on one PostgreSQL, as two replicas: what changes through one (admin,
// checkout) or behind both (SQL) must show on the other within a second, served from its
// in-memory catalog, and a replica that loses its LISTEN connection must never serve what it
// may have missed.

interface Replica {
  url: string;
  metricsUrl: string;
  server: ShopProcess;
}

interface ProductView {
  status: number;
  priceCents?: number;
  stock?: number;
  name?: string;
  vendor?: { slug: string; name: string };
  category?: { slug: string; name: string };
}

async function startReplica(databaseUrl: string, cleanups: (() => Promise<void>)[]): Promise<Replica> {
  const server = await startShopProcess({
    env: { DATABASE_URL: databaseUrl, ADMIN_PASSWORD_HASH: testAdminPasswordHash, LOG_LEVEL: 'error' },
    output: 'capture',
    readyTimeoutMs: 30_000,
  });
  cleanups.push(() => server.stop());
  return { url: server.url, metricsUrl: server.metricsUrl, server };
}

async function metric(replica: Replica, name: string): Promise<number> {
  const text = await (await fetch(replica.metricsUrl)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

async function view(replica: Replica, slug: string): Promise<ProductView> {
  const response = await fetch(`${replica.url}/api/v1/products/${slug}`);
  if (response.status !== 200) return { status: response.status };
  return { status: 200, ...((await response.json()) as Omit<ProductView, 'status'>) };
}

/** Polls until `seen` holds; returns how long it took (ms) or fails after `limitMs`. */
async function until(what: string, seen: () => Promise<boolean>, limitMs = 1_000): Promise<number> {
  const started = performance.now();
  while (!(await seen())) {
    if (performance.now() - started > limitMs) throw new Error(`${what}: not seen within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - started;
}

async function adminSession(replica: Replica): Promise<{ cookie: string; csrf: string }> {
  const login = await fetch(`${replica.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password: testAdminPassword }) });
  expect(login.status).toBe(200);
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe('two replicas on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let db: Database;
  let a: Replica;
  let b: Replica;
  let bListenerPid: number;
  let product: ProductRow;
  const vendors: string[] = [];
  const categories: string[] = [];
  /** What beforeAll started, stopped in reverse order by afterAll (also after a failed start). */
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    cluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
    await admin.exec('CREATE DATABASE shop');
    await admin.close();
    db = openPostgres({ connectionString: cluster.url('shop'), max: 2 });
    cleanups.push(() => db.close());
    await migrate(db);
    for (const n of [1, 2]) {
      vendors.push((await insertVendor(db, { slug: `replica-vendor-${n}` })).slug);
      categories.push((await insertCategory(db, { slug: `replica-category-${n}` })).slug);
    }
    const [vendorId, categoryId] = [
      (await db.query<{ id: number }>('SELECT id FROM vendors WHERE slug = $1', [vendors[0]])).rows[0]?.id,
      (await db.query<{ id: number }>('SELECT id FROM categories WHERE slug = $1', [categories[0]])).rows[0]?.id,
    ];
    product = await insertProduct(db, { vendorId, categoryId, priceCents: 50_000, stock: 40 });
    // B first, so the only LISTEN session at that moment is B's.
    b = await startReplica(cluster.url('shop'), cleanups);
    await until('B listening', async () => (await metric(b, 'storefront_catalog_snapshot_usable')) === 1, 10_000);
    const listeners = await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = 'shop' AND query ILIKE 'LISTEN%'");
    expect(listeners.rows).toHaveLength(1);
    bListenerPid = listeners.rows[0]?.pid ?? 0;
    a = await startReplica(cluster.url('shop'), cleanups);
    await until('A listening', async () => (await metric(a, 'storefront_catalog_snapshot_usable')) === 1, 10_000);
  }, 90_000);

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  }, 30_000);

  it('shows every admin change and a checkout made on A on B within a second', async () => {
    const session = await adminSession(a);
    const patch = async (path: string, body: object) => {
      const response = await fetch(`${a.url}/api/v1/admin${path}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: JSON.stringify(body),
      });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
    };
    // B has the product page in its render cache before each change.
    expect((await view(b, product.slug)).priceCents).toBe(50_000);

    const changes: [string, () => Promise<void>, (seen: ProductView) => boolean][] = [
      ['price', () => patch(`/products/${product.sku}`, { priceCents: 45_500 }), (seen) => seen.priceCents === 45_500],
      ['stock', () => patch(`/products/${product.sku}`, { stock: 17 }), (seen) => seen.stock === 17],
      ['name', () => patch(`/products/${product.sku}`, { name: 'Replicated Name' }), (seen) => seen.name === 'Replicated Name'],
      ['vendor', () => patch(`/products/${product.sku}`, { vendor: vendors[1] }), (seen) => seen.vendor?.slug === vendors[1]],
      ['vendor name', () => patch(`/vendors/${vendors[1]}`, { name: 'Vendor Renamed Everywhere' }), (seen) => seen.vendor?.name === 'Vendor Renamed Everywhere'],
      ['category', () => patch(`/products/${product.sku}`, { category: categories[1] }), (seen) => seen.category?.slug === categories[1]],
      ['category name', () => patch(`/categories/${categories[1]}`, { name: 'Category Renamed Everywhere' }), (seen) => seen.category?.name === 'Category Renamed Everywhere'],
      ['deactivation', () => patch(`/products/${product.sku}`, { active: false }), (seen) => seen.status === 404],
      ['activation', () => patch(`/products/${product.sku}`, { active: true }), (seen) => seen.status === 200],
      [
        'checkout stock',
        async () => {
          const cart = (await (await fetch(`${a.url}/api/v1/carts`, { method: 'POST' })).json()) as { id: string };
          const put = await fetch(`${a.url}/api/v1/carts/${cart.id}/items/${product.sku}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quantity: 2 }) });
          expect(put.status).toBe(200);
          const order = await fetch(`${a.url}/api/v1/orders`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              cartId: cart.id,
              email: 'ada@example.com',
              name: 'Ada Lovelace',
              address: { line1: 'Av. Amazonas N34-451', line2: '', postalCode: '170150', city: 'Quito', country: 'EC' },
              shippingMethod: 'standard',
            }),
          });
          expect(order.status).toBe(201);
        },
        (seen) => seen.stock === 15,
      ],
    ];
    const times: string[] = [];
    for (const [what, change, shows] of changes) {
      await view(b, product.slug);
      await change();
      const ms = await until(what, async () => shows(await view(b, product.slug)));
      times.push(`${what} ${ms.toFixed(0)} ms`);
    }
    process.stdout.write(`change on A, seen on B after: ${times.join(', ')}\n`);
    expect(await metric(b, 'storefront_catalog_snapshot_usable')).toBe(1);
  });

  it('serves from the database while its LISTEN connection is gone, and never the old value after a change', async () => {
    await until('B settled', async () => (await view(b, product.slug)).status === 200);
    const before = await view(b, product.slug);
    const loadsBefore = await metric(b, 'storefront_catalog_snapshot_loads_total');
    // New connections to the shop's database are refused, so B cannot listen again for now;
    // its pool's open connections (and the test's) go on working.
    const server = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
    await server.exec('ALTER DATABASE shop WITH ALLOW_CONNECTIONS false');
    const terminated = performance.now();
    await db.query('SELECT pg_terminate_backend($1)', [bListenerPid]);
    await until('B notices the lost connection', async () => (await metric(b, 'storefront_catalog_snapshot_usable')) === 0);
    const newPrice = (before.priceCents ?? 0) + 1_234;
    await db.query('UPDATE products SET price_cents = $2 WHERE id = $1', [product.id, newPrice]);
    // Every read after the commit is the new price, although no notification reached B.
    for (let i = 0; i < 20; i += 1) expect((await view(b, product.slug)).priceCents).toBe(newPrice);
    expect(await metric(b, 'storefront_catalog_snapshot_usable')).toBe(0);

    const secondPrice = newPrice + 1;
    await db.query('UPDATE products SET price_cents = $2 WHERE id = $1', [product.id, secondPrice]);
    await server.exec('ALTER DATABASE shop WITH ALLOW_CONNECTIONS true');
    await server.close();
    const reopened = performance.now();
    const seen: number[] = [];
    const resyncMs = await until('B listening again with a fresh snapshot', async () => {
      seen.push((await view(b, product.slug)).priceCents ?? Number.NaN);
      return (await metric(b, 'storefront_catalog_snapshot_usable')) === 1;
    }, 5_000);
    for (let i = 0; i < 20; i += 1) seen.push((await view(b, product.slug)).priceCents ?? Number.NaN);
    expect(new Set(seen)).toEqual(new Set([secondPrice]));
    expect(await metric(b, 'storefront_catalog_snapshot_loads_total')).toBeGreaterThan(loadsBefore);

    // And the new connection hears changes again.
    await db.query('UPDATE products SET stock = 9 WHERE id = $1', [product.id]);
    const heardMs = await until('change after the reconnection', async () => (await view(b, product.slug)).stock === 9);
    process.stdout.write(
      `lost LISTEN connection (terminated): listener kept out (served from the database) for ${(reopened - terminated).toFixed(0)} ms, resynchronised ${resyncMs.toFixed(0)} ms after connections were allowed again, next change seen after ${heardMs.toFixed(0)} ms\n`,
    );
  });

  it('notices a LISTEN connection that hangs without closing (heartbeat) and reads the database meanwhile', async () => {
    await until('B settled', async () => (await metric(b, 'storefront_catalog_snapshot_usable')) === 1, 5_000);
    const listeners = await db.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = 'shop' AND application_name = 'storefront-listen' ORDER BY backend_start DESC");
    // B reconnected in the test above, after A: its listener is the newest.
    const pid = listeners.rows[0]?.pid ?? 0;
    const stoppedAt = performance.now();
    process.kill(pid, 'SIGSTOP');
    try {
      const noticedMs = await until('B notices the silent listener', async () => (await metric(b, 'storefront_catalog_snapshot_usable')) === 0, 3_000);
      await db.query('UPDATE products SET stock = 21 WHERE id = $1', [product.id]);
      expect((await view(b, product.slug)).stock).toBe(21);
      process.stdout.write(`hung LISTEN connection: noticed after ${noticedMs.toFixed(0)} ms (bound 1500 ms + a poll)\n`);
      expect(performance.now() - stoppedAt).toBeLessThan(3_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until('B listening again', async () => (await metric(b, 'storefront_catalog_snapshot_usable')) === 1, 5_000);
    expect((await view(b, product.slug)).stock).toBe(21);
  });
});
