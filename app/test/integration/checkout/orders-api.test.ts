import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiAddress, apiCart, metricValue, orderRequest } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

interface OrderBody {
  id: string;
  number: number;
  email: string;
  lines: { sku: string; name: string; unitPriceCents: number; quantity: number; lineTotalCents: number }[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  voucherCode: string | null;
  accessToken?: string;
}

function bearer(token: string | undefined): Record<string, string> {
  return { authorization: `Bearer ${token ?? ''}` };
}

describe('POST /api/v1/orders and GET /api/v1/orders/{id}', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function count(table: 'orders' | 'order_items'): Promise<number> {
    const { rows } = await t.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${table}`);
    return rows[0]?.count ?? 0;
  }

  it('creates an order with its lines, takes the stock, redeems the voucher and deletes the cart', async () => {
    const laptop = await insertProduct(t.db, { name: 'Laptop 14', priceCents: 129_999, stock: 3 });
    const mouse = await insertProduct(t.db, { name: 'Mouse', priceCents: 2_499, stock: 10 });
    const voucher = await insertVoucher(t.db, { code: 'SAVE15', kind: 'percent', amount: 15, maxRedemptions: 10 });
    const cartId = await apiCart(t.app, [{ sku: laptop.sku, quantity: 1 }, { sku: mouse.sku, quantity: 3 }], 'save15');

    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { email: ' Ada@Example.com ' }) });

    expect(response.statusCode).toBe(201);
    const order = response.json<OrderBody>();
    expect(response.headers.location).toBe(`/api/v1/orders/${order.id}`);
    // 1299.99 + 3 * 24.99 = 1374.96; 15% = 206.244 -> 206.24.
    expect(order).toMatchObject({ subtotalCents: 137_496, discountCents: 20_624, totalCents: 116_872, voucherCode: 'SAVE15', email: 'ada@example.com' });
    expect(order.number).toBeGreaterThanOrEqual(100001);
    expect(order.lines).toEqual(
      expect.arrayContaining([
        { productId: laptop.id, sku: laptop.sku, name: 'Laptop 14', unitPriceCents: 129_999, quantity: 1, lineTotalCents: 129_999 },
        { productId: mouse.id, sku: mouse.sku, name: 'Mouse', unitPriceCents: 2_499, quantity: 3, lineTotalCents: 7_497 },
      ]),
    );
    const stock = await t.db.query<{ id: number; stock: number }>('SELECT id, stock FROM products WHERE id = ANY($1::int[]) ORDER BY id', [[laptop.id, mouse.id]]);
    expect(stock.rows.map((row) => row.stock)).toEqual([2, 7]);
    const redeemed = await t.db.query<{ redemptions: number }>('SELECT redemptions FROM vouchers WHERE id = $1', [voucher.id]);
    expect(redeemed.rows[0]?.redemptions).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` })).statusCode).toBe(404);

    const { accessToken, ...placed } = order;
    expect(accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.headers['cache-control']).toBe('no-store');
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: bearer(accessToken) });
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    expect(read.json()).toEqual(placed);
  });

  it('reads an order only with its access token: none, a wrong one or another order\'s answers 404 like an unknown order', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const mine = (await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }])) })).json<OrderBody>();
    const theirs = (await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }])) })).json<OrderBody>();
    const unknown = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${randomUUID()}`, headers: bearer(mine.accessToken) });
    const attempts: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['an empty bearer token', bearer('')],
      ['a random well-formed token', bearer(randomBytes(32).toString('base64url'))],
      ["another order's token", bearer(theirs.accessToken)],
      ['the token with one character changed', bearer(`${mine.accessToken?.slice(0, -1) ?? ''}${mine.accessToken?.endsWith('A') === true ? 'B' : 'A'}`)],
      ['the token as a query string', {}],
      ['the token in another scheme', { authorization: `Basic ${mine.accessToken ?? ''}` }],
    ];
    let refused = 0;
    for (const [what, headers] of attempts) {
      const url = what === 'the token as a query string' ? `/api/v1/orders/${mine.id}?token=${mine.accessToken ?? ''}` : `/api/v1/orders/${mine.id}`;
      const response = await t.app.inject({ method: 'GET', url, headers });
      expect(response.statusCode, what).toBe(404);
      // Byte for byte the answer for an order that does not exist: nothing tells them apart.
      expect(response.body, what).toBe(unknown.body);
      expect(response.body, what).not.toContain(mine.email);
      refused += 1;
    }
    console.log(`order API reads refused without the right token: ${refused} of ${attempts.length}`);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${mine.id}`, headers: bearer(mine.accessToken) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/orders/${theirs.id}`, headers: bearer(theirs.accessToken) })).statusCode).toBe(200);
  });

  it('stores only the SHA-256 of the access token, never the token', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const order = (await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }])) })).json<OrderBody>();
    const token = order.accessToken ?? '';
    const { rows } = await t.db.query<{ row: string; hex: string }>(
      `SELECT row_to_json(o)::text AS row, encode(o.access_token_sha256[1], 'hex') AS hex FROM orders o WHERE id = $1`,
      [order.id],
    );
    expect(rows[0]?.hex).toBe(createHash('sha256').update(token).digest('hex'));
    expect(rows[0]?.row).not.toContain(token);
    expect(rows[0]?.row).not.toContain(Buffer.from(token).toString('hex'));
  });

  it('keeps the price an order was sold at when the catalog price changes later', async () => {
    const product = await insertProduct(t.db, { priceCents: 5_000 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const order = (await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) })).json<OrderBody>();
    await t.db.query('UPDATE products SET price_cents = 9000, name = $2 WHERE id = $1', [product.id, 'Renamed']);
    const read = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: bearer(order.accessToken) })).json<OrderBody>();
    expect(read.lines[0]).toMatchObject({ unitPriceCents: 5_000, name: product.name });
  });

  it('refuses a cart with too little stock with 409 out_of_stock naming every short product, and changes nothing', async () => {
    const plenty = await insertProduct(t.db, { name: 'Plenty', stock: 10 });
    const scarce = await insertProduct(t.db, { name: 'Scarce GPU', stock: 3 });
    const gone = await insertProduct(t.db, { name: 'Retired Case', stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: plenty.sku, quantity: 2 }, { sku: scarce.sku, quantity: 3 }, { sku: gone.sku, quantity: 1 }]);
    await t.db.query('UPDATE products SET stock = 1 WHERE id = $1', [scarce.id]);
    await t.db.query('UPDATE products SET active = false WHERE id = $1', [gone.id]);
    const ordersBefore = await count('orders');
    const failuresBefore = await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'out_of_stock' });

    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });

    expect(response.statusCode).toBe(409);
    const body = response.json<{ error: { code: string; message: string; fields: { path: string; message: string }[] } }>();
    expect(body.error.code).toBe('out_of_stock');
    expect(body.error.message).toContain('Scarce GPU (only 1 left)');
    expect(body.error.message).toContain('Retired Case (no longer available)');
    expect(body.error.message).not.toContain('Plenty');
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { path: `lines.${scarce.sku}`, message: 'only 1 left' },
        { path: `lines.${gone.sku}`, message: 'no longer available' },
      ]),
    );
    // The decrement of the line that had stock was rolled back with the rest.
    const plentyStock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [plenty.id]);
    expect(plentyStock.rows[0]?.stock).toBe(10);
    expect(await count('orders')).toBe(ordersBefore);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` })).statusCode).toBe(200);
    expect(await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'out_of_stock' })).toBe(failuresBefore + 1);
  });

  it('refuses an empty cart with 422 cart_empty', async () => {
    const cartId = await apiCart(t.app);
    const before = await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'cart_empty' });
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'cart_empty' } });
    expect(await metricValue(t.app.metrics.registry, 'storefront_checkout_failures_total', { reason: 'cart_empty' })).toBe(before + 1);
  });

  it('answers 404 for an unknown cart and an unknown order, 400 for a malformed order id', async () => {
    const unknownCart = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(randomUUID()) });
    expect(unknownCart.statusCode).toBe(404);
    expect(unknownCart.json()).toMatchObject({ error: { code: 'not_found', message: 'cart not found' } });
    const unknownOrder = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${randomUUID()}`, headers: bearer(randomBytes(32).toString('base64url')) });
    expect(unknownOrder.statusCode).toBe(404);
    expect(unknownOrder.json()).toMatchObject({ error: { code: 'not_found', message: 'order not found' } });
    const malformed = await t.app.inject({ method: 'GET', url: '/api/v1/orders/not-a-uuid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: { code: 'validation_failed', fields: [{ path: 'params.id' }] } });
  });

  it('refuses a voucher that expired after it was applied with 422 and rolls the stock back', async () => {
    const product = await insertProduct(t.db, { stock: 4 });
    const voucher = await insertVoucher(t.db, { kind: 'fixed', amount: 1_000 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 2 }], voucher.code);
    await t.db.query("UPDATE vouchers SET ends_at = now() - interval '1 minute' WHERE id = $1", [voucher.id]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ error: { code: 'voucher_expired', message: 'This voucher has expired.' } });
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(4);
  });

  it('refuses a voucher that ran out after it was applied with 409 voucher_exhausted', async () => {
    const product = await insertProduct(t.db, { stock: 4 });
    const voucher = await insertVoucher(t.db, { kind: 'fixed', amount: 1_000, maxRedemptions: 1 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }], voucher.code);
    await t.db.query('UPDATE vouchers SET redemptions = 1 WHERE id = $1', [voucher.id]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'voucher_exhausted' } });
  });

  it('caps a fixed voucher at the subtotal so the total is never negative', async () => {
    const product = await insertProduct(t.db, { priceCents: 700 });
    const voucher = await insertVoucher(t.db, { kind: 'fixed', amount: 5_000 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }], voucher.code);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ subtotalCents: 700, discountCents: 700, shippingCents: 690, totalCents: 690 });
  });

  it('rejects malformed JSON, wrong types, unknown fields and invalid values with 400 and stores nothing', async () => {
    const product = await insertProduct(t.db);
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const ordersBefore = await count('orders');
    const cases: { payload: string; path?: string }[] = [
      { payload: '{"cartId": "' },
      { payload: JSON.stringify(orderRequest(cartId, { email: 42 })), path: 'body.email' },
      { payload: JSON.stringify(orderRequest(cartId, { admin: true })), path: 'body' },
      { payload: JSON.stringify(orderRequest(cartId, { email: 'not-an-email' })), path: 'body.email' },
      { payload: JSON.stringify(orderRequest(cartId, { name: '   ' })), path: 'body.name' },
      { payload: JSON.stringify(orderRequest(cartId, { address: { ...apiAddress, line1: 'x'.repeat(201) } })), path: 'body.address.line1' },
      { payload: JSON.stringify(orderRequest(cartId, { address: { ...apiAddress, postalCode: '1701' } })), path: 'body.address.postalCode' },
      { payload: JSON.stringify(orderRequest(cartId, { address: { ...apiAddress, country: 'US' } })), path: 'body.address.country' },
      { payload: JSON.stringify(orderRequest(cartId, { shippingMethod: 'By Boat!' })), path: 'body.shippingMethod' },
      { payload: JSON.stringify(orderRequest("1' OR '1'='1")), path: 'body.cartId' },
      { payload: JSON.stringify({ cartId }), path: 'body.email' },
    ];
    for (const { payload, path } of cases) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode, payload).toBe(400);
      if (path !== undefined) {
        const fields = response.json<{ error: { fields: { path: string }[] } }>().error.fields;
        expect(fields.map((field) => field.path), payload).toContain(path);
      }
    }
    expect(await count('orders')).toBe(ordersBefore);
  });

  it('stores names with markup or SQL as plain text', async () => {
    const product = await insertProduct(t.db);
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const ordersBefore = await count('orders');
    const name = "Robert'); DROP TABLE orders;-- <script>alert(1)</script>";
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { name }) });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ name });
    expect(await count('orders')).toBe(ordersBefore + 1);
  });

  it('lists the orders operations in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { tags?: string[]; security?: Record<string, string[]>[]; description?: string }>>;
      components: { securitySchemes: Record<string, { type: string; scheme?: string }>; schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>();
    expect(doc.paths['/api/v1/orders']?.post?.tags).toEqual(['orders']);
    expect(doc.paths['/api/v1/orders/{id}']?.get?.tags).toEqual(['orders']);
    expect(doc.paths['/api/v1/orders/{id}']?.get?.security).toEqual([{ orderAccessToken: [] }]);
    expect(doc.paths['/api/v1/orders/{id}']?.get?.description).toContain('404');
    expect(doc.components.securitySchemes.orderAccessToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.components.schemas.PlacedOrder?.properties).toHaveProperty('accessToken');
    expect(doc.paths['/api/v1/carts/{id}/items/{sku}']?.put?.tags).toEqual(['cart']);
    expect(doc.paths['/api/v1/vouchers/{code}']?.get?.tags).toEqual(['vouchers']);
  });
});
