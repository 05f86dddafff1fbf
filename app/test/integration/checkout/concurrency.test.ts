import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiCart, metricValue, orderRequest } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

// These fire real concurrent requests: on PostgreSQL the pool has 10 connections, so the
// checkouts race in the database; on PGlite they queue on its single connection.
describe('checkout under concurrency', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('sells exactly the stock when 20 buyers check out the last 5 units at once', async () => {
    const product = await insertProduct(t.db, { stock: 5, priceCents: 2_500 });
    const carts = await Promise.all(Array.from({ length: 20 }, () => apiCart(t.app, [{ sku: product.sku, quantity: 1 }])));
    const createdBefore = await metricValue(t.app.metrics.registry, 'storefront_orders_created_total');
    const refusedBefore = await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'out_of_stock' });

    const responses = await Promise.all(
      carts.map((cartId) => t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) })),
    );

    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json()).toMatchObject({ error: { code: 'out_of_stock', message: expect.stringContaining(product.name) as string } });
    }
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(0);
    const orders = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM order_items WHERE product_id = $1', [product.id]);
    expect(orders.rows[0]?.count).toBe(5);
    expect(await metricValue(t.app.metrics.registry, 'storefront_orders_created_total')).toBe(createdBefore + 5);
    expect(await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'out_of_stock' })).toBe(refusedBefore + 15);
    // The refused carts are untouched, so their owners can change them and try again.
    const leftCarts = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM carts WHERE id = ANY($1::uuid[])', [carts]);
    expect(leftCarts.rows[0]?.count).toBe(15);
  });

  it('redeems a voucher with 3 redemptions left exactly 3 times when 10 buyers use it at once', async () => {
    const product = await insertProduct(t.db, { stock: 100, priceCents: 10_000 });
    const voucher = await insertVoucher(t.db, { kind: 'percent', amount: 10, maxRedemptions: 5, redemptions: 2 });
    const carts = await Promise.all(Array.from({ length: 10 }, () => apiCart(t.app, [{ sku: product.sku, quantity: 1 }], voucher.code)));

    const responses = await Promise.all(
      carts.map((cartId) => t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) })),
    );

    const created = responses.filter((response) => response.statusCode === 201);
    const refused = responses.filter((response) => response.statusCode !== 201);
    expect(created).toHaveLength(3);
    for (const response of created) expect(response.json()).toMatchObject({ discountCents: 1_000, shippingCents: 690, totalCents: 9_690, voucherCode: voucher.code });
    expect(refused).toHaveLength(7);
    for (const response of refused) {
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: { code: 'voucher_exhausted' } });
    }
    const row = await t.db.query<{ redemptions: number; maxRedemptions: number }>(
      'SELECT redemptions, max_redemptions AS "maxRedemptions" FROM vouchers WHERE id = $1',
      [voucher.id],
    );
    expect(row.rows[0]).toEqual({ redemptions: 5, maxRedemptions: 5 });
    const orders = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE voucher_id = $1', [voucher.id]);
    expect(orders.rows[0]?.count).toBe(3);
    // A refused checkout rolled back its stock decrement too.
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(97);
  });

  it('creates one order when the same request is sent 10 times at once with one Idempotency-Key', async () => {
    const product = await insertProduct(t.db, { stock: 50 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 2 }]);
    const createdBefore = await metricValue(t.app.metrics.registry, 'storefront_orders_created_total');

    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'concurrent-retry-1' }, payload: orderRequest(cartId) }),
      ),
    );

    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(responses.map((response) => response.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    for (const response of responses.filter((r) => r.statusCode === 200)) expect(response.headers['idempotent-replayed']).toBe('true');
    const orders = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE idempotency_key = $1', ['concurrent-retry-1']);
    expect(orders.rows[0]?.count).toBe(1);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(48);
    expect(await metricValue(t.app.metrics.registry, 'storefront_orders_created_total')).toBe(createdBefore + 1);
  });

  it('creates one order when one key is used at once for the same checkout from two carts', async () => {
    // Different carts make different requests: exactly one wins, the other is told the key is taken.
    const product = await insertProduct(t.db, { stock: 50 });
    const first = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const second = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const responses = await Promise.all(
      [first, second].map((cartId) =>
        t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': 'shared-key-2' }, payload: orderRequest(cartId) }),
      ),
    );
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 422]);
    const loser = responses.find((response) => response.statusCode === 422);
    expect(loser?.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
    const orders = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE idempotency_key = $1', ['shared-key-2']);
    expect(orders.rows[0]?.count).toBe(1);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(49);
  });
});
