import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pruneExpiredCarts } from '../../../src/domain/cart/lifetime.js';
import { cartPruning } from '../../../src/plugins/cart-pruning.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiCart, cookieFrom, orderRequest, Visitor } from '../../support/checkout-fixtures.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase } from '../../support/database.js';
import { insertProduct } from '../../support/fixtures.js';

// Carts live CART_TTL_DAYS (7 here) after their last use. Their age is set in the database,
// as time passing would.
const ttlDays = 7;

describe('cart lifetime', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CART_TTL_DAYS: String(ttlDays) });
  });
  afterAll(async () => {
    await t.close();
  });

  async function age(cartId: string, days: number): Promise<void> {
    await t.db.query("UPDATE carts SET updated_at = now() - make_interval(days => $2) WHERE id = $1", [cartId, days]);
  }

  async function secondsSinceUse(cartId: string): Promise<number | undefined> {
    const { rows } = await t.db.query<{ seconds: number }>('SELECT extract(epoch FROM now() - updated_at)::int AS seconds FROM carts WHERE id = $1', [cartId]);
    return rows[0]?.seconds;
  }

  async function cartCount(ids: string[]): Promise<number> {
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM carts WHERE id = ANY($1::uuid[])', [ids]);
    return rows[0]?.count ?? 0;
  }

  it('answers 404 for every API use of a cart unused for longer than CART_TTL_DAYS, before any prune', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    await age(cartId, ttlDays + 1);
    const uses = [
      await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` }),
      await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${product.sku}`, payload: { quantity: 2 } }),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${cartId}/items/${product.sku}` }),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${cartId}/voucher` }),
      await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) }),
    ];
    console.log(`API uses of a cart unused for ${ttlDays + 1} days (TTL ${ttlDays}): ${uses.map((response) => response.statusCode).join(' ')}`);
    for (const response of uses) expect(response.statusCode).toBe(404);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(10);
    expect(await cartCount([cartId])).toBe(1);
  });

  it('keeps a cart used within CART_TTL_DAYS alive, and any use starts its lifetime again', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    await age(cartId, ttlDays - 1);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` });
    expect(read.statusCode).toBe(200);
    const since = await secondsSinceUse(cartId);
    console.log(`seconds since last use after a read of a cart last used ${ttlDays - 1} days ago: ${since}`);
    expect(since).toBeLessThan(60);
    // Bumped, so the same cart now outlives its original deadline.
    await age(cartId, 2);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` })).statusCode).toBe(200);
  });

  it('shows the browser an empty cart for an expired one, clears its cookie, and starts a new cart on the next add', async () => {
    const product = await insertProduct(t.db, { name: 'Stale Webcam', stock: 10 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id) });
    const cartId = (await t.db.query<{ id: string }>('SELECT cart_id AS id FROM cart_items WHERE product_id = $1', [product.id])).rows[0]?.id ?? '';
    expect((await visitor.get('/')).body).toContain('aria-label="1 items in cart"');
    await age(cartId, ttlDays + 1);

    expect((await visitor.get('/')).body).toContain('aria-label="0 items in cart"');
    const page = await visitor.get('/cart');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Stale Webcam');
    expect(visitor.cookie).toBeUndefined();
    expect((await visitor.get('/checkout')).headers.location).toBe('/cart?notice=cart_empty');
    await visitor.post('/cart/items', { productId: String(product.id) });
    const current = (await t.db.query<{ id: string }>('SELECT cart_id AS id FROM cart_items WHERE product_id = $1 AND cart_id <> $2', [product.id, cartId])).rows[0]?.id;
    expect(current).toBeDefined();
    expect(visitor.cookie).toBeDefined();
  });

  it("renews the cart cookie's Max-Age on every page that uses the cart", async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const visitor = new Visitor(t.app);
    const added = await visitor.post('/cart/items', { productId: String(product.id) });
    const maxAge = `Max-Age=${ttlDays * 24 * 60 * 60}`;
    expect(String(added.headers['set-cookie'])).toContain(maxAge);
    const cartId = (await t.db.query<{ id: string }>('SELECT cart_id AS id FROM cart_items WHERE product_id = $1', [product.id])).rows[0]?.id ?? '';

    const renewedBy: string[] = [];
    for (const [what, use] of [
      ['GET /cart', () => visitor.get('/cart')],
      ['GET /checkout', () => visitor.get('/checkout')],
      ['POST /cart/items/:id', () => visitor.post(`/cart/items/${String(product.id)}`, { quantity: '2' })],
      ['POST /cart/voucher/remove', () => visitor.post('/cart/voucher/remove')],
    ] as const) {
      await age(cartId, 3);
      const response = await use();
      const setCookie = (Array.isArray(response.headers['set-cookie']) ? response.headers['set-cookie'] : [String(response.headers['set-cookie'])]).find((cookie) => cookie.startsWith('cart='));
      expect(setCookie, what).toContain(maxAge);
      expect(cookieFrom(response), what).toBe(visitor.cookie);
      expect(await secondsSinceUse(cartId), what).toBeLessThan(60);
      renewedBy.push(what);
    }
    console.log(`cart cookie re-set with ${maxAge} by: ${renewedBy.join(', ')}`);
  });

  it('prunes expired carts with their lines in bounded batches and leaves live ones', async () => {
    const product = await insertProduct(t.db, { stock: 50 });
    const expired: string[] = [];
    const live: string[] = [];
    for (let n = 0; n < 5; n += 1) expired.push(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]));
    for (let n = 0; n < 2; n += 1) live.push(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]));
    for (const id of expired) await age(id, ttlDays + 2);
    await age(live[0] ?? '', ttlDays - 1);

    const firstRun = await pruneExpiredCarts(t.db, ttlDays, { batchSize: 2, maxBatches: 2 });
    const remainingAfterFirst = await cartCount(expired);
    const secondRun = await pruneExpiredCarts(t.db, ttlDays, { batchSize: 2, maxBatches: 10 });
    console.log(`pruned with batches of 2: first run (at most 2 batches) ${firstRun}, expired left ${remainingAfterFirst}, second run ${secondRun}`);
    // Oldest first: the first run's two batches of two take four of the five.
    expect(firstRun).toBe(4);
    expect(remainingAfterFirst).toBe(1);
    expect(await cartCount(expired)).toBe(0);
    expect(await cartCount(live)).toBe(2);
    const lines = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM cart_items WHERE cart_id = ANY($1::uuid[])', [expired]);
    expect(lines.rows[0]?.count).toBe(0);
  });

  it('lets several replicas prune at once without errors or double work', async () => {
    const product = await insertProduct(t.db, { stock: 50 });
    const expired: string[] = [];
    for (let n = 0; n < 12; n += 1) expired.push(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]));
    for (const id of expired) await age(id, ttlDays + 3);
    const runs = await Promise.all([1, 2, 3].map(() => pruneExpiredCarts(t.db, ttlDays, { batchSize: 3, maxBatches: 10 })));
    console.log(`three concurrent prunes deleted ${runs.join(' + ')} = ${runs.reduce((a, b) => a + b, 0)} of 12 expired carts`);
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(12);
    expect(await cartCount(expired)).toBe(0);
  });
});

describe('cart pruning job', () => {
  it('deletes expired carts on its own timer and stops when the app closes', async () => {
    const db = await createTestDatabase();
    const app = Fastify({ logger: false });
    app.decorate('db', db);
    app.decorate('config', testConfig({ CART_TTL_DAYS: '1' }));
    app.decorate('lifecycle', { shuttingDown: false });
    await app.register(cartPruning, { intervalMs: 50, firstRunMaxDelayMs: 0 });
    const insertExpired = async (): Promise<string> => {
      const { rows } = await db.query<{ id: string }>("INSERT INTO carts (updated_at) VALUES (now() - interval '2 days') RETURNING id");
      return rows[0]?.id ?? '';
    };
    const exists = async (id: string): Promise<boolean> => (await db.query('SELECT 1 FROM carts WHERE id = $1', [id])).rows.length > 0;
    try {
      const first = await insertExpired();
      const kept = (await db.query<{ id: string }>('INSERT INTO carts DEFAULT VALUES RETURNING id')).rows[0]?.id ?? '';
      await app.ready();
      const started = Date.now();
      while ((await exists(first)) && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      const second = await insertExpired();
      while ((await exists(second)) && Date.now() - started < 5_000) await new Promise((resolve) => setTimeout(resolve, 20));
      console.log(`pruning job (interval 50 ms) deleted two expired carts inserted apart within ${Date.now() - started} ms`);
      expect(await exists(first)).toBe(false);
      expect(await exists(second)).toBe(false);
      expect(await exists(kept)).toBe(true);

      await app.close();
      const afterClose = await insertExpired();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await exists(afterClose)).toBe(true);
    } finally {
      await app.close();
      await db.close();
    }
  });
});
