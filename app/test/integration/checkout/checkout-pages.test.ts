import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { metricValue, Visitor } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

const details = { email: 'grace@example.com', name: 'Grace Hopper', shippingAddress: '1 Compiler Road\nArlington, VA' };

function hiddenKey(body: string): string {
  const match = /name="idempotencyKey" value="([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('no idempotency key in the form');
  return match[1];
}

describe('checkout pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function visitorWith(products: { id: number }[], quantity = '1'): Promise<Visitor> {
    const visitor = new Visitor(t.app);
    for (const product of products) await visitor.post('/cart/items', { productId: String(product.id), quantity });
    return visitor;
  }

  it('sends a visitor with an empty cart back to the cart page', async () => {
    const response = await new Visitor(t.app).get('/checkout');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/cart?notice=cart_empty');
  });

  it('shows the summary and a labelled form with a fresh idempotency key per render', async () => {
    const product = await insertProduct(t.db, { name: 'Dock', priceCents: 19_900 });
    const visitor = await visitorWith([product], '2');
    const first = await visitor.get('/checkout');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('<meta name="robots" content="noindex">');
    expect(first.body).toContain('<h1>Checkout</h1>');
    expect(first.body).toContain('Dock');
    expect(first.body).toContain('$398.00');
    for (const [id, label] of [['email', 'Email'], ['name', 'Full name'], ['shippingAddress', 'Shipping address']]) {
      expect(first.body).toContain(`<label for="${id}">${label}</label>`);
    }
    const second = await visitor.get('/checkout');
    expect(hiddenKey(first.body)).not.toBe(hiddenKey(second.body));
  });

  it('places the order, clears the cart cookie and shows the confirmation', async () => {
    const product = await insertProduct(t.db, { name: 'Monitor 27', priceCents: 30_000, stock: 4 });
    await insertVoucher(t.db, { code: 'TAKE20', kind: 'percent', amount: 20 });
    const visitor = await visitorWith([product]);
    await visitor.post('/cart/voucher', { code: 'take20' });
    const form = await visitor.get('/checkout');
    const created = await metricValue(t.app.metrics.registry, 'storefront_orders_created_total');

    const placed = await visitor.post('/checkout', { ...details, idempotencyKey: hiddenKey(form.body) });

    expect(placed.statusCode).toBe(303);
    const location = placed.headers.location ?? '';
    expect(location).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
    expect(visitor.cookie).toBeUndefined();
    expect(await metricValue(t.app.metrics.registry, 'storefront_orders_created_total')).toBe(created + 1);
    const confirmation = await visitor.get(location);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('<meta name="robots" content="noindex">');
    expect(confirmation.body).toMatch(/Order number <strong>\d{6,}<\/strong>/);
    expect(confirmation.body).toContain('Monitor 27');
    expect(confirmation.body).toContain('Discount (TAKE20)');
    expect(confirmation.body).toContain('-$60.00');
    expect(confirmation.body).toContain('$240.00');
    expect(confirmation.body).toContain('1 Compiler Road<br>Arlington, VA');
    expect(confirmation.body).toContain('grace@example.com');
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(3);
  });

  it('creates one order when the same form is submitted twice', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const visitor = await visitorWith([product]);
    const key = hiddenKey((await visitor.get('/checkout')).body);
    const cookie = visitor.cookie ?? '';
    const submit = () =>
      t.app.inject({
        method: 'POST',
        url: '/checkout',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        payload: new URLSearchParams({ ...details, idempotencyKey: key }).toString(),
      });
    // A double click: both requests carry the cart cookie and race.
    const [a, b] = await Promise.all([submit(), submit()]);
    // A later resubmission (back button) still carries the old cookie, whose cart is gone.
    const late = await submit();
    expect([a.statusCode, b.statusCode, late.statusCode]).toEqual([303, 303, 303]);
    expect(new Set([a.headers.location, b.headers.location, late.headers.location]).size).toBe(1);
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE idempotency_key = $1', [`web:${key}`]);
    expect(rows[0]?.count).toBe(1);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(9);
  });

  it('re-renders with field errors, keeping the entered values escaped, and creates nothing', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const visitor = await visitorWith([product]);
    const key = hiddenKey((await visitor.get('/checkout')).body);
    const hostile = '<script>alert("x")</script>';
    const ordersBefore = (await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]?.count;
    const response = await visitor.post('/checkout', { email: 'not-an-email', name: hostile, shippingAddress: '', idempotencyKey: key });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).toContain('value="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"');
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body).toMatch(/id="email"[^>]*aria-invalid="true" aria-describedby="email-error"/);
    expect(response.body).toContain('<p id="email-error" class="field-error">enter an email address such as ada@example.com</p>');
    expect(response.body).toContain('<p id="shippingAddress-error" class="field-error">enter a shipping address</p>');
    expect(response.body).not.toContain('id="name-error"');
    expect(hiddenKey(response.body)).toBe(key);
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders');
    expect(rows[0]?.count).toBe(ordersBefore);
  });

  it('re-renders with 409 and a clear message when stock ran out, keeping the cart', async () => {
    const product = await insertProduct(t.db, { name: 'Last Laptop', stock: 2 });
    const visitor = await visitorWith([product], '2');
    const key = hiddenKey((await visitor.get('/checkout')).body);
    await t.db.query('UPDATE products SET stock = 1 WHERE id = $1', [product.id]);
    const response = await visitor.post('/checkout', { ...details, idempotencyKey: key });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Not enough stock for: Last Laptop (only 1 left)');
    expect(response.body).toContain('value="grace@example.com"');
    expect(visitor.cookie).toBeDefined();
    expect((await visitor.get('/cart')).body).toContain('Last Laptop');
  });

  it('re-renders with 422 when the voucher expired since it was applied', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const voucher = await insertVoucher(t.db, { kind: 'fixed', amount: 100 });
    const visitor = await visitorWith([product]);
    await visitor.post('/cart/voucher', { code: voucher.code });
    const key = hiddenKey((await visitor.get('/checkout')).body);
    await t.db.query("UPDATE vouchers SET ends_at = now() - interval '1 second' WHERE id = $1", [voucher.id]);
    const response = await visitor.post('/checkout', { ...details, idempotencyKey: key });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('This voucher has expired.');
  });

  it("never redirects a form post to an order another client created with the same key", async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const apiCartId = (await t.app.inject({ method: 'POST', url: '/api/v1/carts' })).json<{ id: string }>().id;
    await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${apiCartId}/items/${product.sku}`, payload: { quantity: 1 } });
    const apiKey = randomUUID();
    const placed = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': apiKey }, payload: { cartId: apiCartId, ...details } });
    expect(placed.statusCode).toBe(201);

    const withoutCart = await new Visitor(t.app).post('/checkout', { ...details, idempotencyKey: apiKey });
    expect(withoutCart.headers.location).toBe('/cart?notice=cart_empty');
    const withCart = await visitorWith([product]);
    const refused = await withCart.post('/checkout', { ...details, idempotencyKey: apiKey });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).not.toBe(`/orders/${placed.json<{ id: string }>().id}`);
  });

  it('answers an unknown or malformed order id with the 404 page', async () => {
    for (const url of [`/orders/${randomUUID()}`, '/orders/12345', "/orders/'%20OR%201=1"]) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Page not found');
    }
  });
});
