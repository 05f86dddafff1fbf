import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiCart } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

interface CartBody {
  id: string;
  lines: { sku: string; quantity: number; lineTotalCents: number; stockAvailable: number; warnings: { code: string; message: string }[] }[];
  itemCount: number;
  voucher: { code: string; valid: boolean; reason: string | null; discountCents: number } | null;
  totals: { subtotalCents: number; discountCents: number; totalCents: number };
  checkoutReady: boolean;
  notice?: string;
}

describe('cart API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  async function cartRows(cartId: string): Promise<{ quantity: number }[]> {
    const { rows } = await t.db.query<{ quantity: number }>('SELECT quantity FROM cart_items WHERE cart_id = $1', [cartId]);
    return rows;
  }

  it('creates an empty cart with 201, a Location and zero totals', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/carts' });
    expect(response.statusCode).toBe(201);
    const cart = response.json<CartBody>();
    expect(response.headers.location).toBe(`/api/v1/carts/${cart.id}`);
    expect(cart).toMatchObject({ lines: [], itemCount: 0, voucher: null, totals: { subtotalCents: 0, discountCents: 0, totalCents: 0 }, checkoutReady: false });
  });

  it('refuses a cart creation body with unknown fields or malformed JSON and creates nothing', async () => {
    const before = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM carts');
    for (const payload of ['{"voucherCode": "FREE"}', '{"', '[]']) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/carts', headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode, payload).toBe(400);
    }
    const after = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM carts');
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
    const empty = await t.app.inject({ method: 'POST', url: '/api/v1/carts', payload: {} });
    expect(empty.statusCode).toBe(201);
  });

  it('sets, replaces and removes line quantities by SKU and computes totals', async () => {
    const ssd = await insertProduct(t.db, { priceCents: 8_999, stock: 50 });
    const ram = await insertProduct(t.db, { priceCents: 4_550, stock: 50 });
    const cartId = await apiCart(t.app, [{ sku: ssd.sku, quantity: 2 }, { sku: ram.sku, quantity: 1 }]);
    const replaced = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${ram.sku}`, payload: { quantity: 4 } });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json<CartBody>()).toMatchObject({ itemCount: 6, totals: { subtotalCents: 2 * 8_999 + 4 * 4_550, totalCents: 2 * 8_999 + 4 * 4_550 } });

    const zero = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${ram.sku}`, payload: { quantity: 0 } });
    expect(zero.json<CartBody>().lines.map((line) => line.sku)).toEqual([ssd.sku]);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${cartId}/items/${ssd.sku}` });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json<CartBody>()).toMatchObject({ lines: [], itemCount: 0 });
  });

  it('caps a quantity above the stock and says so', async () => {
    const product = await insertProduct(t.db, { name: 'Rare CPU', stock: 2 });
    const cartId = await apiCart(t.app);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${product.sku}`, payload: { quantity: 7 } });
    expect(response.statusCode).toBe(200);
    const cart = response.json<CartBody>();
    expect(cart.lines[0]).toMatchObject({ quantity: 2, stockAvailable: 2, warnings: [{ code: 'low_stock', message: 'only 2 left' }] });
    expect(cart.notice).toContain('only 2 of Rare CPU');
    expect(await cartRows(cartId)).toEqual([{ quantity: 2 }]);
  });

  it('refuses a product without stock with 409 out_of_stock and stores nothing', async () => {
    const product = await insertProduct(t.db, { stock: 0 });
    const cartId = await apiCart(t.app);
    const response = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${product.sku}`, payload: { quantity: 1 } });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'out_of_stock' } });
    expect(await cartRows(cartId)).toEqual([]);
  });

  it('warns about lines whose product ran short or was withdrawn after it was added', async () => {
    const shrinking = await insertProduct(t.db, { stock: 10 });
    const withdrawn = await insertProduct(t.db, { stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: shrinking.sku, quantity: 4 }, { sku: withdrawn.sku, quantity: 1 }]);
    await t.db.query('UPDATE products SET stock = 2 WHERE id = $1', [shrinking.id]);
    await t.db.query('UPDATE products SET active = false WHERE id = $1', [withdrawn.id]);
    const cart = (await t.app.inject({ method: 'GET', url: `/api/v1/carts/${cartId}` })).json<CartBody>();
    const bySku = new Map(cart.lines.map((line) => [line.sku, line]));
    expect(bySku.get(shrinking.sku)?.warnings).toEqual([{ code: 'exceeds_stock', message: 'only 2 left: lower the quantity' }]);
    expect(bySku.get(withdrawn.sku)).toMatchObject({ stockAvailable: 0, warnings: [{ code: 'unavailable', message: 'no longer available' }] });
    expect(cart.checkoutReady).toBe(false);
  });

  it('applies a voucher case-insensitively, prices it, and removes it', async () => {
    const product = await insertProduct(t.db, { priceCents: 3_333, stock: 10 });
    await insertVoucher(t.db, { code: 'TENOFF', kind: 'percent', amount: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const applied = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/voucher`, payload: { code: ' tenoff ' } });
    expect(applied.statusCode).toBe(200);
    // 10% of 33.33 = 3.333 -> 3.33.
    expect(applied.json<CartBody>()).toMatchObject({
      voucher: { code: 'TENOFF', valid: true, reason: null, discountCents: 333 },
      totals: { subtotalCents: 3_333, discountCents: 333, totalCents: 3_000 },
    });
    const removed = await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${cartId}/voucher` });
    expect(removed.json<CartBody>()).toMatchObject({ voucher: null, totals: { discountCents: 0, totalCents: 3_333 } });
  });

  it('keeps a stored voucher but shows it invalid when the subtotal drops below its minimum', async () => {
    const product = await insertProduct(t.db, { priceCents: 5_000, stock: 10 });
    const voucher = await insertVoucher(t.db, { kind: 'fixed', amount: 1_000, minTotalCents: 10_000 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 2 }], voucher.code);
    const lowered = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/${product.sku}`, payload: { quantity: 1 } });
    expect(lowered.json<CartBody>()).toMatchObject({
      voucher: { code: voucher.code, valid: false, reason: 'below_minimum', discountCents: 0 },
      totals: { subtotalCents: 5_000, discountCents: 0, totalCents: 5_000 },
    });
  });

  it('answers 404 for an unknown cart or SKU and 400 for a malformed cart id or SKU', async () => {
    const product = await insertProduct(t.db);
    const unknown = randomUUID();
    const cartId = await apiCart(t.app);
    const notFound = [
      await t.app.inject({ method: 'GET', url: `/api/v1/carts/${unknown}` }),
      await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${unknown}/items/${product.sku}`, payload: { quantity: 1 } }),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${unknown}/items/${product.sku}` }),
      await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${unknown}/voucher`, payload: { code: 'ABC' } }),
      await t.app.inject({ method: 'DELETE', url: `/api/v1/carts/${unknown}/voucher` }),
      await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/NO-SUCH-SKU`, payload: { quantity: 1 } }),
    ];
    for (const response of notFound) expect(response.statusCode, response.body).toBe(404);
    const malformed = [
      await t.app.inject({ method: 'GET', url: '/api/v1/carts/123' }),
      await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/items/lower-case`, payload: { quantity: 1 } }),
      await t.app.inject({ method: 'DELETE', url: "/api/v1/carts/x'--/voucher" }),
    ];
    for (const response of malformed) {
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('rejects bad quantity and voucher bodies with 400 field errors and stores nothing', async () => {
    const product = await insertProduct(t.db, { stock: 500 });
    const cartId = await apiCart(t.app);
    const bodies: { url: string; payload: string; path: string }[] = [
      { url: `items/${product.sku}`, payload: '{"quantity": ', path: '' },
      { url: `items/${product.sku}`, payload: '{"quantity": "2"}', path: 'body.quantity' },
      { url: `items/${product.sku}`, payload: '{"quantity": 1.5}', path: 'body.quantity' },
      { url: `items/${product.sku}`, payload: '{"quantity": -1}', path: 'body.quantity' },
      { url: `items/${product.sku}`, payload: '{"quantity": 100}', path: 'body.quantity' },
      { url: `items/${product.sku}`, payload: '{"quantity": 1e12}', path: 'body.quantity' },
      { url: `items/${product.sku}`, payload: '{"quantity": 1, "price": 0}', path: 'body' },
      { url: `items/${product.sku}`, payload: '{}', path: 'body.quantity' },
      { url: 'voucher', payload: '{"code": 5}', path: 'body.code' },
      { url: 'voucher', payload: '{"code": "OK", "discount": 100}', path: 'body' },
      { url: 'voucher', payload: `{"code": "${'A'.repeat(40)}"}`, path: 'body.code' },
    ];
    for (const { url, payload, path } of bodies) {
      const response = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/${url}`, headers: { 'content-type': 'application/json' }, payload });
      expect(response.statusCode, payload).toBe(400);
      if (path !== '') {
        const fields = response.json<{ error: { fields: { path: string }[] } }>().error.fields;
        expect(fields.map((field) => field.path), payload).toContain(path);
      }
    }
    expect(await cartRows(cartId)).toEqual([]);
    const cart = await t.db.query<{ voucher_code: string | null }>('SELECT voucher_code FROM carts WHERE id = $1', [cartId]);
    expect(cart.rows[0]?.voucher_code).toBeNull();
  });
});
