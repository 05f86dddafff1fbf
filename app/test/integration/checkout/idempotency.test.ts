import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiAddress, apiCart, metricValue, orderRequest } from '../../support/checkout-fixtures.js';
import { insertProduct } from '../../support/fixtures.js';

describe('idempotent checkout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function ordersWithKey(key: string): Promise<number> {
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE idempotency_key = $1', [key]);
    return rows[0]?.count ?? 0;
  }

  it('returns the same order with 200 and Idempotent-Replayed on a sequential retry, creating nothing', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 2 }]);
    const headers = { 'idempotency-key': 'retry-key-1' };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId) });
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const created = await metricValue(t.app.metrics.registry, 'storefront_orders_created_total');

    // The retry differs only in what normalisation ignores: case of the email, spacing.
    const retry = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers,
      payload: orderRequest(cartId, { email: 'ADA@example.com', name: ' Ada Lovelace ' }),
    });

    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    const { accessToken: firstToken, ...firstOrder } = first.json<{ accessToken: string }>();
    const { accessToken: retryToken, ...retryOrder } = retry.json<{ accessToken: string }>();
    expect(retryOrder).toEqual(firstOrder);
    // The retry cannot be handed the first token (only its hash is kept): it gets its own,
    // and both read the order, since the client may have received either response.
    expect(retryToken).not.toBe(firstToken);
    for (const token of [firstToken, retryToken]) {
      const read = await t.app.inject({ method: 'GET', url: first.headers.location ?? '', headers: { authorization: `Bearer ${token}` } });
      expect(read.statusCode).toBe(200);
    }
    expect(await ordersWithKey('retry-key-1')).toBe(1);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(8);
    expect(await metricValue(t.app.metrics.registry, 'storefront_orders_created_total')).toBe(created);
  });

  it('keeps the newest five tokens when a checkout is replayed again and again', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const headers = { 'idempotency-key': 'retry-key-many' };
    const tokens: string[] = [];
    let location = '';
    for (let attempt = 0; attempt < 7; attempt += 1) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId) });
      expect(response.statusCode).toBe(attempt === 0 ? 201 : 200);
      tokens.push(response.json<{ accessToken: string }>().accessToken);
      location = response.headers.location ?? '';
    }
    const statuses: number[] = [];
    for (const token of tokens) {
      statuses.push((await t.app.inject({ method: 'GET', url: location, headers: { authorization: `Bearer ${token}` } })).statusCode);
    }
    console.log(`order read with each of 7 tokens from 7 replays, oldest first: ${statuses.join(' ')}`);
    expect(statuses).toEqual([404, 404, 200, 200, 200, 200, 200]);
  });

  it('refuses the same key with a different body with 422 idempotency_key_reused and creates nothing', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const headers = { 'idempotency-key': 'retry-key-2' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId) })).statusCode).toBe(201);
    const otherCart = await apiCart(t.app, [{ sku: product.sku, quantity: 3 }]);
    const ordersBefore = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders');

    const changedAddress = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId, { address: { ...apiAddress, line1: 'Elsewhere 1' } }) });
    const otherCartResponse = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(otherCart) });

    for (const response of [changedAddress, otherCartResponse]) {
      expect(response.statusCode).toBe(422);
      expect(response.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    }
    const ordersAfter = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders');
    expect(ordersAfter.rows[0]?.count).toBe(ordersBefore.rows[0]?.count);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(9);
    // The other cart is untouched and can still check out under a key of its own.
    const own = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'retry-key-3' }, payload: orderRequest(otherCart) });
    expect(own.statusCode).toBe(201);
  });

  it('does not hold a key after a refused checkout, so the fixed request can use it', async () => {
    const product = await insertProduct(t.db, { stock: 1 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    await t.db.query('UPDATE products SET stock = 0 WHERE id = $1', [product.id]);
    const headers = { 'idempotency-key': 'retry-key-4' };
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId) })).statusCode).toBe(409);
    await t.db.query('UPDATE products SET stock = 1 WHERE id = $1', [product.id]);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers, payload: orderRequest(cartId) })).statusCode).toBe(201);
  });

  it('rejects a malformed Idempotency-Key with 400 and creates nothing', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    for (const key of ['has space', 'x'.repeat(256), 'naïve']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': key }, payload: orderRequest(cartId) });
      expect(response.statusCode, key).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'headers.idempotency-key' }] } });
    }
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` })).statusCode).toBe(200);
  });
});
