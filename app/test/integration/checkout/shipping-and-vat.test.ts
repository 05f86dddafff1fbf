import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiAddress, apiCart, checkoutFields, orderRequest, Visitor } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

interface PlacedOrder {
  id: string;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
  vatCents: number;
  vatRateBasisPoints: number;
  shipping: { name: string; deliveryEstimate: string };
  address: Record<string, string>;
  shippingAddress: string;
}

function hidden(name: string, body: string): string {
  const start = body.indexOf(`name="${name}" value="`);
  if (start === -1) return '';
  const value = body.slice(start + `name="${name}" value="`.length);
  return value.slice(0, value.indexOf('"'));
}

// Shipping is chosen at checkout and charged from shipping_methods in the order's transaction;
// prices include Ecuador's IVA (15%), stated on every summary.
describe('checkout: shipping methods, their cost and the VAT included', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const place = (cartId: string, overrides: Record<string, unknown> = {}) => t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, overrides) });
  const orderCount = async () => (await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM orders')).rows[0]?.count;

  it('lists the active methods with their cost, and hides an inactive one', async () => {
    const response = await t.app.inject({ url: '/api/v1/shipping-methods' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        { code: 'standard', name: 'Standard', priceCents: 690, freeAboveCents: 15_000, deliveryEstimate: expect.stringContaining('2 to 4 business days') as unknown },
        { code: 'express', name: 'Express', priceCents: 1490, freeAboveCents: null, deliveryEstimate: expect.stringContaining('next business day') as unknown },
      ],
    });
  });

  it('charges the chosen method and states the VAT the total includes', async () => {
    const product = await insertProduct(t.db, { priceCents: 5_000, stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    // Blanks around the postal code (a paste) are trimmed, not refused.
    const response = await place(cartId, { shippingMethod: 'express', expectedTotalCents: 6_490, address: { ...apiAddress, postalCode: ' 170150 ' } });
    expect(response.statusCode).toBe(201);
    const order = response.json<PlacedOrder>();
    // 6490 × 15 / 115 = 846.52 -> 847 cents of IVA.
    expect(order).toMatchObject({ subtotalCents: 5_000, discountCents: 0, shippingCents: 1_490, totalCents: 6_490, vatCents: 847, vatRateBasisPoints: 1500 });
    expect(order.shipping.name).toBe('Express');
    expect(order.address).toEqual({ line1: 'Av. Amazonas N34-451', line2: 'Edificio Torre Azul, piso 3', postalCode: '170150', city: 'Quito', country: 'EC' });
    expect(order.shippingAddress).toBe('Av. Amazonas N34-451\nEdificio Torre Azul, piso 3\n170150 Quito\nEcuador');
    const { rows } = await t.db.query('SELECT total_cents, shipping_cents, shipping_method_name, postal_code, city, vat_cents FROM orders WHERE id = $1', [order.id]);
    expect(rows[0]).toEqual({ total_cents: 5_000, shipping_cents: 1_490, shipping_method_name: 'Express', postal_code: '170150', city: 'Quito', vat_cents: 847 });
  });

  it('ships free from the threshold, counted on the goods after the voucher', async () => {
    const exact = await insertProduct(t.db, { priceCents: 15_000, stock: 5 });
    const atThreshold = await place(await apiCart(t.app, [{ sku: exact.sku, quantity: 1 }]));
    expect(atThreshold.json()).toMatchObject({ subtotalCents: 15_000, shippingCents: 0, totalCents: 15_000, vatCents: 1_957 });
    // Express has no threshold: charged at any amount.
    const express = await place(await apiCart(t.app, [{ sku: exact.sku, quantity: 1 }]), { shippingMethod: 'express' });
    expect(express.json()).toMatchObject({ shippingCents: 1_490, totalCents: 16_490 });

    const voucher = await insertVoucher(t.db, { kind: 'percent', amount: 10 });
    const product = await insertProduct(t.db, { priceCents: 16_000, stock: 5 });
    // 16000 - 10% = 14400 goods: under 150.00, so standard costs 6.90.
    const discounted = await place(await apiCart(t.app, [{ sku: product.sku, quantity: 1 }], voucher.code));
    expect(discounted.json()).toMatchObject({ subtotalCents: 16_000, discountCents: 1_600, shippingCents: 690, totalCents: 15_090 });
  });

  it('refuses an inactive or unknown method with 422 shipping_method_unavailable and takes nothing', async () => {
    const product = await insertProduct(t.db, { stock: 3 });
    const before = await orderCount();
    await t.db.query("UPDATE shipping_methods SET active = false WHERE code = 'express'");
    try {
      for (const code of ['express', 'drone']) {
        const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
        const response = await place(cartId, { shippingMethod: code });
        expect(response.statusCode, code).toBe(422);
        expect(response.json(), code).toMatchObject({
          error: { code: 'shipping_method_unavailable', fields: [{ path: 'shippingMethod', message: 'not available: choose another shipping method' }] },
        });
        expect((await t.app.inject({ url: `/api/v1/carts/${cartId}` })).statusCode).toBe(200);
      }
      const listed = await t.app.inject({ url: '/api/v1/shipping-methods' });
      expect(listed.json<{ items: { code: string }[] }>().items.map((item) => item.code)).toEqual(['standard']);
    } finally {
      await t.db.query("UPDATE shipping_methods SET active = true WHERE code = 'express'");
    }
    expect(await orderCount()).toBe(before);
    const stock = await t.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [product.id]);
    expect(stock.rows[0]?.stock).toBe(3);
  });

  it('answers 409 price_changed when the shipping price changed since the total was shown', async () => {
    const product = await insertProduct(t.db, { priceCents: 2_000, stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const before = await orderCount();
    await t.db.query("UPDATE shipping_methods SET price_cents = 1990 WHERE code = 'express'");
    try {
      const refused = await place(cartId, { shippingMethod: 'express', expectedTotalCents: 3_490 });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: {
          code: 'price_changed',
          fields: [
            { path: 'expectedTotalCents', message: 'the total is now 3990 cents' },
            { path: 'shippingMethod', message: 'Express shipping is now 1990 cents' },
            { path: `lines.${product.sku}`, message: 'now 2000 cents each, 1 in the cart' },
          ],
        },
      });
      expect(await orderCount()).toBe(before);
      const placed = await place(cartId, { shippingMethod: 'express', expectedTotalCents: 3_990 });
      expect(placed.statusCode).toBe(201);
      expect(placed.json()).toMatchObject({ shippingCents: 1_990, totalCents: 3_990 });
    } finally {
      await t.db.query("UPDATE shipping_methods SET price_cents = 1490 WHERE code = 'express'");
    }
  });

  it('HTML: offers each method as a radio with its own total, summarises with VAT, and charges the choice', async () => {
    const product = await insertProduct(t.db, { name: 'USB Hub', priceCents: 4_000, stock: 5 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const form = await visitor.get('/checkout');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<legend>Shipping method</legend>');
    expect(form.body).toMatch(/<input type="radio" id="shipping-standard" name="shippingMethod" value="standard"[^>]* checked>/);
    expect(form.body).toContain('<label for="shipping-express">Express: $14.90</label>');
    expect(form.body).toContain('Order total with Express: $54.90.');
    // The summary shows the preselected method: 40.00 + 6.90 = 46.90, IVA 6.12 (6.117).
    expect(form.body).toContain('<dt>Shipping (Standard)</dt><dd>$6.90</dd>');
    expect(form.body).toContain('<dd class="grand">$46.90</dd>');
    expect(form.body).toContain('<dt class="vat">Includes IVA (VAT) 15%</dt><dd class="vat">$6.12</dd>');
    expect(hidden('expectedTotal-standard', form.body)).toBe('4690');
    expect(hidden('expectedTotal-express', form.body)).toBe('5490');

    const placed = await visitor.post('/checkout', {
      ...checkoutFields({ shippingMethod: 'express', addressLine2: 'Depto 4B' }),
      idempotencyKey: hidden('idempotencyKey', form.body),
      'expectedTotal-standard': hidden('expectedTotal-standard', form.body),
      'expectedTotal-express': hidden('expectedTotal-express', form.body),
    });
    expect(placed.statusCode).toBe(303);
    const confirmation = await visitor.get(placed.headers.location ?? '');
    expect(confirmation.statusCode).toBe(200);
    expect(confirmation.body).toContain('<dt>Shipping (Express)</dt><dd>$14.90</dd>');
    expect(confirmation.body).toContain('<dd class="grand">$54.90</dd>');
    expect(confirmation.body).toContain('<dt class="vat">Includes IVA (VAT) 15%</dt><dd class="vat">$7.16</dd>');
    expect(confirmation.body).toContain('Your parcel goes by <strong>Express</strong> shipping: dispatched the same business day');
    expect(confirmation.body).toContain('This shop sends no confirmation email: we write to <strong>grace@example.com</strong> only if something about the order needs your answer.');
    expect(confirmation.body).toContain('Grace Hopper<br>Calle Larga 7-45<br>Depto 4B<br>010101 Cuenca<br>Ecuador');
    const orderPage = await visitor.get((placed.headers.location ?? '').replace('/confirmation', ''));
    expect(orderPage.statusCode).toBe(200);
    expect(orderPage.body).toContain('<dt>Shipping (Express)</dt><dd>$14.90</dd>');
    expect(orderPage.body).toContain('<dt class="vat">Includes IVA (VAT) 15%</dt><dd class="vat">$7.16</dd>');
  });

  it('HTML: a shipping price changed since the form was shown brings the page back (409) with the new figures', async () => {
    const product = await insertProduct(t.db, { priceCents: 4_000, stock: 5 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const form = await visitor.get('/checkout');
    await t.db.query("UPDATE shipping_methods SET price_cents = 990 WHERE code = 'standard'");
    try {
      const refused = await visitor.post('/checkout', { ...checkoutFields(), idempotencyKey: hidden('idempotencyKey', form.body), 'expectedTotal-standard': hidden('expectedTotal-standard', form.body) });
      expect(refused.statusCode).toBe(409);
      expect(refused.body).toContain('the total is now $49.90, not $46.90');
      expect(refused.body).toContain('<p id="shippingMethod-error" class="field-error">Standard shipping is now 990 cents</p>');
      expect(hidden('expectedTotal-standard', refused.body)).toBe('4990');
      expect(refused.body).toContain('value="Calle Larga 7-45"');
    } finally {
      await t.db.query("UPDATE shipping_methods SET price_cents = 690 WHERE code = 'standard'");
    }
  });

  it('HTML: each address field has its own message and keeps what was typed', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const key = hidden('idempotencyKey', (await visitor.get('/checkout')).body);
    const response = await visitor.post('/checkout', {
      ...checkoutFields({ addressLine1: ' ', postalCode: 'EC17O1', city: '', country: 'US', shippingMethod: '', addressLine2: 'Casa azul' }),
      idempotencyKey: key,
    });
    expect(response.statusCode).toBe(400);
    const errors: Record<string, string> = {};
    for (const match of response.body.matchAll(/<p id="([A-Za-z0-9]+)-error" class="field-error">([^<]*)<\/p>/g)) errors[match[1] ?? ''] = match[2] ?? '';
    expect(errors).toEqual({
      addressLine1: 'enter the street and number',
      postalCode: 'enter the 6-digit postal code, e.g. 170150',
      city: 'enter the city',
      country: 'we deliver only within Ecuador (EC)',
      shippingMethod: 'choose a shipping method',
    });
    expect(response.body).toMatch(/id="postalCode"[^>]*value="EC17O1"/);
    expect(response.body).toMatch(/id="addressLine2"[^>]*value="Casa azul"/);
    expect(response.body).toMatch(/id="email"[^>]*value="grace@example.com"/);
  });
});
