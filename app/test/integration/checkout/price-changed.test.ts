import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiCart, checkoutFields, orderRequest, Visitor } from '../../support/checkout-fixtures.js';
import { insertProduct } from '../../support/fixtures.js';

// Catalog pages may come from a snapshot a moment old; the checkout reads price and stock in
// its own transaction, and a shopper who saw another total is told before anything is placed.
describe('checkout when the price changed after the cart was shown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const stockOf = async (id: number) => (await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [id])).rows[0]?.stock;

  it('API: answers 409 price_changed with the current figures, places nothing, then accepts the new total', async () => {
    const product = await insertProduct(t.db, { priceCents: 10_000, stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 2 }]);
    await t.db.query('UPDATE products SET price_cents = 12500 WHERE id = $1', [product.id]);

    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { expectedTotalCents: 20_000 }) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: {
        code: 'price_changed',
        message: expect.stringContaining('the total is now $250.00, not $200.00') as unknown,
        fields: [
          { path: 'expectedTotalCents', message: 'the total is now 25000 cents' },
          { path: 'shippingMethod', message: 'Standard shipping is now 0 cents' },
          { path: `lines.${product.sku}`, message: 'now 12500 cents each, 2 in the cart' },
        ],
      },
    });
    expect(await stockOf(product.id)).toBe(5);
    expect((await t.app.inject({ url: `/api/v1/carts/${cartId}` })).statusCode).toBe(200);

    const placed = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { expectedTotalCents: 25_000 }) });
    expect(placed.statusCode).toBe(201);
    expect(placed.json()).toMatchObject({ totalCents: 25_000 });
    expect(await stockOf(product.id)).toBe(3);
  });

  it('API: without expectedTotalCents the order is placed at the price read in its transaction', async () => {
    const product = await insertProduct(t.db, { priceCents: 3_000, stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    await t.db.query('UPDATE products SET price_cents = 3100 WHERE id = $1', [product.id]);
    const placed = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(placed.statusCode).toBe(201);
    // Goods under the free-shipping threshold: standard shipping ($6.90) on top.
    expect(placed.json()).toMatchObject({ subtotalCents: 3_100, shippingCents: 690, totalCents: 3_790 });
  });

  it('HTML: the checkout form carries the total it showed; a changed price brings the page back with the new total', async () => {
    const product = await insertProduct(t.db, { name: 'Repriced Dock', priceCents: 19_900, stock: 4 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const shown = await visitor.get('/checkout');
    const patterns = { idempotencyKey: /name="idempotencyKey" value="([^"]+)"/, expectedTotalCents: /name="expectedTotal-standard" value="([^"]+)"/ };
    const hidden = (name: keyof typeof patterns, body: string) => patterns[name].exec(body)?.[1] ?? '';
    expect(hidden('expectedTotalCents', shown.body)).toBe('19900');

    await t.db.query('UPDATE products SET price_cents = 21900 WHERE id = $1', [product.id]);
    const details = checkoutFields();
    const refused = await visitor.post('/checkout', { ...details, idempotencyKey: hidden('idempotencyKey', shown.body), 'expectedTotal-standard': hidden('expectedTotalCents', shown.body) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('the total is now $219.00, not $199.00');
    expect(refused.body).toContain('$219.00');
    expect(hidden('expectedTotalCents', refused.body)).toBe('21900');
    expect(await stockOf(product.id)).toBe(4);

    const confirmed = await visitor.post('/checkout', { ...details, idempotencyKey: hidden('idempotencyKey', refused.body), 'expectedTotal-standard': hidden('expectedTotalCents', refused.body) });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toMatch(/^\/orders\//);
    expect(await stockOf(product.id)).toBe(3);
  });
});
