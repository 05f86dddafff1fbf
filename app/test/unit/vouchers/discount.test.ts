import { describe, expect, it } from 'vitest';
import { discountCents } from '../../../src/domain/vouchers/discount.js';

describe('voucher discount', () => {
  it('takes a percentage of the subtotal', () => {
    expect(discountCents('percent', 10, 10_000)).toBe(1_000);
    expect(discountCents('percent', 100, 4_999)).toBe(4_999);
  });

  it('rounds a percentage half up to the cent', () => {
    // 15% of 1.50 = 22.5 cents -> 23; 15% of 1.49 = 22.35 cents -> 22.
    expect(discountCents('percent', 15, 150)).toBe(23);
    expect(discountCents('percent', 15, 149)).toBe(22);
    // 12.5 cents exactly: half up, not banker's rounding.
    expect(discountCents('percent', 25, 50)).toBe(13);
    // 33% of 0.99 = 32.67 cents -> 33.
    expect(discountCents('percent', 33, 99)).toBe(33);
  });

  it('gives a fixed amount, never more than the subtotal', () => {
    expect(discountCents('fixed', 500, 10_000)).toBe(500);
    expect(discountCents('fixed', 5_000, 3_000)).toBe(3_000);
  });

  it('gives nothing on an empty subtotal', () => {
    expect(discountCents('percent', 50, 0)).toBe(0);
    expect(discountCents('fixed', 500, 0)).toBe(0);
  });
});
