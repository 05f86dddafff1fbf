import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { checkoutFields, cookieFrom, orderRequest, metricValue, Visitor } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

const details = checkoutFields();

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
    for (const [id, label] of [['email', 'Email'], ['name', 'Full name'], ['addressLine1', 'Street and number'], ['addressLine2', 'Apartment, floor, reference (optional)'], ['postalCode', 'Postal code'], ['city', 'City'], ['country', 'Country']]) {
      expect(first.body).toContain(`<label for="${id}">${label}</label>`);
    }
    for (const [id, autocomplete] of [['email', 'email'], ['name', 'shipping name'], ['addressLine1', 'shipping address-line1'], ['addressLine2', 'shipping address-line2'], ['postalCode', 'shipping postal-code'], ['city', 'shipping address-level2'], ['country', 'shipping country']]) {
      const input = first.body.slice(first.body.indexOf(`id="${id}" name="${id}"`));
      expect(input.slice(0, input.indexOf('>')), id).toContain(` autocomplete="${autocomplete}"`);
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
    expect(location).toMatch(/^\/orders\/[0-9a-f-]{36}\/confirmation$/);
    expect(visitor.cookie).toBeUndefined();
    expect(await metricValue(t.app.metrics.registry, 'storefront_orders_created_total')).toBe(created + 1);
    const confirmation = await visitor.get(location);
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('<meta name="robots" content="noindex">');
    expect(confirmation.body).toMatch(/Order number <strong>\d{6,}<\/strong>/);
    expect(confirmation.body).toContain('Monitor 27');
    // Each figure of a line carries its label, for the stacked lines on a phone.
    expect(confirmation.body).toContain('<table class="cart-table cart-lines">');
    for (const label of ['Unit price', 'Quantity', 'Line total']) expect(confirmation.body).toContain(`<td data-label="${label}">`);
    expect(confirmation.body).toContain('Discount (TAKE20)');
    expect(confirmation.body).toContain('-$60.00');
    // Goods $240.00 after the voucher ship free with standard (free from $150.00).
    expect(confirmation.body).toContain('<dt>Shipping (Standard)</dt><dd>Free</dd>');
    expect(confirmation.body).toContain('$240.00');
    expect(confirmation.body).toContain('Grace Hopper<br>Calle Larga 7-45<br>010101 Cuenca<br>Ecuador');
    expect(confirmation.body).toContain('What happens next');
    expect(confirmation.body).toContain(`<a class="button" href="${location.replace('/confirmation', '')}">View your order</a>`);
    expect(confirmation.body).toContain('grace@example.com');
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(3);
    const ordersCookie = placed.headers['set-cookie']?.toString() ?? '';
    expect(ordersCookie).toMatch(/orders=[^;]+; Max-Age=7776000; Path=\/orders; HttpOnly; SameSite=Lax/);
  });

  async function placedOrder(): Promise<{ visitor: Visitor; location: string; link: string }> {
    const product = await insertProduct(t.db, { stock: 5 });
    const visitor = await visitorWith([product]);
    const placed = await visitor.post('/checkout', { ...details, idempotencyKey: hiddenKey((await visitor.get('/checkout')).body) });
    const location = (placed.headers.location ?? '').replace(/\/confirmation$/, '');
    const page = await visitor.get(location);
    expect(page.statusCode).toBe(200);
    const link = /<a href="([^"]+)" class="private-link">/.exec(page.body)?.[1] ?? '';
    // The href as a browser reads it: ghtml writes characters such as = as numeric entities.
    return { visitor, location, link: link.replace(/&#(\d+);/g, (_entity, code: string) => String.fromCharCode(Number(code))) };
  }

  it('shows the order page to the browser that placed it and to the holder of its private link, 404 to anyone else', async () => {
    const { visitor, location, link } = await placedOrder();
    // Placed without a voucher: the order's figures have no discount row.
    const own = await visitor.get(location);
    expect(own.body).toContain('<dt>Subtotal</dt>');
    expect(own.body).not.toContain('<dt>Discount');
    expect(link.startsWith(`http://localhost:3000${location}?token=`)).toBe(true);
    expect(link.slice(link.indexOf('?token=') + 7)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const unknown = await new Visitor(t.app).get(`/orders/${randomUUID()}`);

    // Anyone with just the order id: another browser, a crawler, someone reading a log.
    const stranger = await new Visitor(t.app).get(location);
    const wrongToken = await new Visitor(t.app).get(`${location}?token=${'A'.repeat(43)}`);
    const forged = await t.app.inject({ method: 'GET', url: location, headers: { cookie: `orders=${location.slice(8)}:${'A'.repeat(43)}` } });
    for (const [what, response] of [['no cookie, no token', stranger], ['a wrong token', wrongToken], ['an unsigned orders cookie', forged]] as const) {
      expect(response.statusCode, what).toBe(404);
      expect(response.body, what).toBe(unknown.body);
      expect(response.body, what).not.toContain('Grace Hopper');
    }
    console.log(`order page without the placing browser's cookie or the token: ${stranger.statusCode}; with a wrong token: ${wrongToken.statusCode}; with a forged cookie: ${forged.statusCode}`);

    // The private link, opened in another browser: the token goes into that browser's cookie
    // and out of the address bar.
    const other = new Visitor(t.app);
    const opened = await other.get(link.replace('http://localhost:3000', ''));
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(location);
    expect(opened.headers['cache-control']).toBe('no-store');
    expect(other.cookies.has('orders')).toBe(true);
    const page = await other.get(location);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Grace Hopper');
  });

  it('remembers the newest ten orders a browser placed', async () => {
    const { visitor, location: first } = await placedOrder();
    const product = await insertProduct(t.db, { stock: 20 });
    const locations = [first];
    for (let n = 0; n < 10; n += 1) {
      await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
      const placed = await visitor.post('/checkout', { ...details, idempotencyKey: hiddenKey((await visitor.get('/checkout')).body) });
      locations.push(placed.headers.location ?? '');
    }
    const statuses: number[] = [];
    for (const location of locations) statuses.push((await visitor.get(location)).statusCode);
    console.log(`order pages readable by the browser that placed 11 orders, oldest first: ${statuses.join(' ')}`);
    expect(statuses).toEqual([404, ...Array<number>(10).fill(200)]);
    const size = visitor.cookies.get('orders')?.length ?? 0;
    console.log(`orders cookie holding 10 orders: ${size} bytes`);
    expect(size).toBeLessThan(1200);
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
    // Whichever response the browser kept, it can read its order.
    for (const response of [a, b, late]) {
      const orders = cookieFrom(response, 'orders');
      expect(orders).toBeDefined();
      const page = await t.app.inject({ method: 'GET', url: response.headers.location ?? '', headers: { cookie: orders ?? '' } });
      expect(page.statusCode).toBe(200);
    }
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders WHERE idempotency_key = $1', [`web:${key}`]);
    expect(rows[0]?.count).toBe(1);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(9);
  });

  it('does not hand an order to a resubmission with other details, even with the same cart cookie and key', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const visitor = await visitorWith([product]);
    const key = hiddenKey((await visitor.get('/checkout')).body);
    const cartCookie = visitor.cookie ?? '';
    const placed = await visitor.post('/checkout', { ...details, idempotencyKey: key });
    expect(placed.statusCode).toBe(303);
    const other = await t.app.inject({
      method: 'POST',
      url: '/checkout',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cartCookie },
      payload: new URLSearchParams({ ...details, name: 'Someone Else', idempotencyKey: key }).toString(),
    });
    expect(other.statusCode).toBe(303);
    expect(other.headers.location).toBe('/cart?notice=cart_empty');
    expect(cookieFrom(other, 'orders')).toBeUndefined();
  });

  it('re-renders with field errors, keeping the entered values escaped, and creates nothing', async () => {
    const product = await insertProduct(t.db, { stock: 10 });
    const visitor = await visitorWith([product]);
    const key = hiddenKey((await visitor.get('/checkout')).body);
    const hostile = '<script>alert("x")</script>';
    const ordersBefore = (await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]?.count;
    const response = await visitor.post('/checkout', { ...details, email: 'not-an-email', name: hostile, addressLine1: '', postalCode: '1701', city: 'Quito', idempotencyKey: key });
    expect(response.statusCode).toBe(400);
    expect(response.body).not.toContain('<script>alert');
    expect(response.body).toContain('value="&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;"');
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body).toMatch(/id="email"[^>]*aria-describedby="email-hint email-error" aria-invalid="true"/);
    expect(response.body).toContain('<p id="email-error" class="field-error">enter an email address such as ada@example.com</p>');
    expect(response.body).toContain('<p id="addressLine1-error" class="field-error">enter the street and number</p>');
    expect(response.body).toContain('<p id="postalCode-error" class="field-error">enter the 6-digit postal code, e.g. 170150</p>');
    expect(response.body).toMatch(/id="postalCode"[^>]*value="1701" aria-describedby="postalCode-hint postalCode-error" aria-invalid="true"/);
    expect(response.body).toMatch(/id="city"[^>]*value="Quito"/);
    expect(response.body).not.toContain('id="name-error"');
    expect(response.body).not.toContain('id="city-error"');
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
    const placed = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { 'idempotency-key': apiKey }, payload: orderRequest(apiCartId) });
    expect(placed.statusCode).toBe(201);

    const withoutCart = await new Visitor(t.app).post('/checkout', { ...details, idempotencyKey: apiKey });
    expect(withoutCart.headers.location).toBe('/cart?notice=cart_empty');
    const withCart = await visitorWith([product]);
    const refused = await withCart.post('/checkout', { ...details, idempotencyKey: apiKey });
    expect(refused.statusCode).toBe(303);
    expect(refused.headers.location).not.toBe(`/orders/${placed.json<{ id: string }>().id}/confirmation`);
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
