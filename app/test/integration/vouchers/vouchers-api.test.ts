import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { apiCart } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

const day = 24 * 60 * 60 * 1000;

describe('vouchers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('checks a code case-insensitively and gives the discount it would give', async () => {
    await insertVoucher(t.db, { code: 'HALF-OFF', kind: 'percent', amount: 50, minTotalCents: 1_000 });
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/vouchers/half-off?subtotalCents=2001' });
    expect(response.statusCode).toBe(200);
    // 50% of 20.01 = 10.005 -> 10.01, half up.
    expect(response.json()).toMatchObject({ code: 'HALF-OFF', valid: true, reason: null, kind: 'percent', amount: 50, subtotalCents: 2_001, discountCents: 1_001 });
  });

  it('names the reason a known voucher gives no discount', async () => {
    const now = Date.now();
    const cases = [
      [await insertVoucher(t.db, { active: false }), 'inactive'],
      [await insertVoucher(t.db, { startsAt: new Date(now + day) }), 'not_yet_valid'],
      [await insertVoucher(t.db, { startsAt: new Date(now - 2 * day), endsAt: new Date(now - day) }), 'expired'],
      [await insertVoucher(t.db, { maxRedemptions: 2, redemptions: 2 }), 'exhausted'],
      [await insertVoucher(t.db, { minTotalCents: 50_000 }), 'below_minimum'],
    ] as const;
    for (const [voucher, reason] of cases) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/vouchers/${voucher.code}?subtotalCents=10000` });
      expect(response.statusCode).toBe(200);
      expect(response.json(), reason).toMatchObject({ valid: false, reason, discountCents: 0, message: expect.any(String) as string });
    }
  });

  it('answers 404 for an unknown code and 400 for a malformed code or subtotal', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/vouchers/NOPE123?subtotalCents=100' })).statusCode).toBe(404);
    for (const url of ['/api/v1/vouchers/%3Cscript%3E?subtotalCents=100', '/api/v1/vouchers/ABCD?subtotalCents=-1', '/api/v1/vouchers/ABCD?subtotalCents=abc', '/api/v1/vouchers/ABCD', '/api/v1/vouchers/ABCD?subtotalCents=1&x=1']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
  });

  it('stores a voucher on a cart only when it applies, and otherwise says why with 422', async () => {
    const product = await insertProduct(t.db, { priceCents: 10_000, stock: 10 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const now = Date.now();
    const cases: [string, string][] = [
      ['NO-SUCH-CODE', 'voucher_unknown'],
      ['!!', 'voucher_unknown'],
      [(await insertVoucher(t.db, { endsAt: new Date(now - day) })).code, 'voucher_expired'],
      [(await insertVoucher(t.db, { startsAt: new Date(now + day) })).code, 'voucher_not_yet_valid'],
      [(await insertVoucher(t.db, { minTotalCents: 20_000 })).code, 'voucher_below_minimum'],
      [(await insertVoucher(t.db, { maxRedemptions: 1, redemptions: 1 })).code, 'voucher_exhausted'],
      [(await insertVoucher(t.db, { active: false })).code, 'voucher_inactive'],
    ];
    for (const [code, expected] of cases) {
      const response = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/voucher`, payload: { code } });
      expect(response.statusCode, code).toBe(422);
      expect(response.json()).toMatchObject({ error: { code: expected, fields: [{ path: 'code' }] } });
    }
    const cart = await t.db.query<{ voucher_code: string | null }>('SELECT voucher_code FROM carts WHERE id = $1', [cartId]);
    expect(cart.rows[0]?.voucher_code).toBeNull();
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${randomUUID()}/voucher`, payload: { code: 'X' } })).statusCode).toBe(404);
  });
});
