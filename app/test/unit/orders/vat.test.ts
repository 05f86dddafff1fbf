import { describe, expect, it } from 'vitest';
import { shopVat } from '../../../src/domain/orders/shop-country.js';
import { orderSummary } from '../../../src/domain/orders/summary.js';
import { includedVatCents } from '../../../src/domain/orders/vat.js';

describe('VAT included in a gross price', () => {
  it('is gross × rate / (1 + rate), rounded half up to the cent', () => {
    // 115.00 at 15% holds exactly 15.00; 6490 × 0.15 / 1.15 = 846.52 -> 847.
    expect(includedVatCents(11_500, 1500)).toBe(1500);
    expect(includedVatCents(6490, 1500)).toBe(847);
    expect(includedVatCents(690, 1500)).toBe(90); // 90.0
    expect(includedVatCents(0, 1500)).toBe(0);
    expect(includedVatCents(1, 1500)).toBe(0); // 0.13 -> 0
    expect(includedVatCents(4, 1500)).toBe(1); // 0.52 -> 1
  });

  it('rounds an exact half cent up', () => {
    // 23 × 1500 / 11500 = 3 exactly; at 10000 bp (100%) 1 cent holds 0.5 -> 1.
    expect(includedVatCents(23, 1500)).toBe(3);
    expect(includedVatCents(1, 10_000)).toBe(1);
    expect(includedVatCents(3, 10_000)).toBe(2); // 1.5 -> 2
  });

  it('matches exact rational arithmetic for every gross up to 100,000 cents', () => {
    for (let gross = 0; gross <= 100_000; gross += 1) {
      const numerator = BigInt(gross) * 1500n;
      const denominator = 11_500n;
      const exact = (numerator * 2n + denominator) / (denominator * 2n);
      if (BigInt(includedVatCents(gross, 1500)) !== exact) throw new Error(`gross ${gross}: ${includedVatCents(gross, 1500)} != ${exact}`);
    }
    // A shop-sized total stays exact: no float rounding in between.
    expect(includedVatCents(999_999_999, 1500)).toBe(130_434_782); // 130434782.478
  });

  it('refuses a fractional or negative amount and a rate outside 0..100%', () => {
    expect(() => includedVatCents(-1, 1500)).toThrow(/gross must be a whole number of cents/);
    expect(() => includedVatCents(1.5, 1500)).toThrow(/gross must be a whole number of cents/);
    expect(() => includedVatCents(100, 10_001)).toThrow(/VAT rate must be 0 to 10000 basis points/);
  });

  it('computes an order summary once on the charged total, at the shop rate', () => {
    expect(shopVat.rateBasisPoints).toBe(1500);
    expect(orderSummary({ subtotalCents: 10_000, discountCents: 1_000, shippingCents: 1_490 })).toEqual({
      subtotalCents: 10_000,
      discountCents: 1_000,
      shippingCents: 1_490,
      totalCents: 10_490,
      vatCents: 1_368, // 10490 × 15 / 115 = 1368.26
      vatRateBasisPoints: 1500,
    });
  });
});
