import { describe, expect, it } from 'vitest';
import { evaluateVoucher, type Voucher } from '../../../src/domain/vouchers/evaluate.js';

const now = new Date('2026-06-15T12:00:00Z');

function voucher(overrides: Partial<Voucher> = {}): Voucher {
  return {
    id: 1,
    code: 'SPRING10',
    description: '',
    kind: 'percent',
    amount: 10,
    minTotalCents: 0,
    startsAt: null,
    endsAt: null,
    maxRedemptions: null,
    redemptions: 0,
    active: true,
    ...overrides,
  };
}

describe('voucher evaluation', () => {
  it('accepts a voucher inside its window with redemptions left and gives its discount', () => {
    const result = evaluateVoucher(
      voucher({ startsAt: new Date('2026-06-01T00:00:00Z'), endsAt: new Date('2026-07-01T00:00:00Z'), maxRedemptions: 3, redemptions: 2 }),
      20_000,
      now,
    );
    expect(result).toMatchObject({ valid: true, discountCents: 2_000 });
  });

  it('gives each refusal its own reason and message', () => {
    const cases = [
      [null, 'unknown'],
      [voucher({ active: false }), 'inactive'],
      [voucher({ startsAt: new Date('2026-06-16T00:00:00Z') }), 'not_yet_valid'],
      [voucher({ endsAt: new Date('2026-06-15T11:59:59Z') }), 'expired'],
      [voucher({ maxRedemptions: 3, redemptions: 3 }), 'exhausted'],
      [voucher({ minTotalCents: 50_000 }), 'below_minimum'],
    ] as const;
    const messages = new Set<string>();
    for (const [candidate, reason] of cases) {
      const result = evaluateVoucher(candidate, 20_000, now);
      expect(result).toMatchObject({ valid: false, reason, discountCents: 0 });
      if (!result.valid) messages.add(result.message);
    }
    expect(messages.size).toBe(cases.length);
  });

  it('treats the end of the window as already expired and its start as valid', () => {
    expect(evaluateVoucher(voucher({ endsAt: now }), 1_000, now)).toMatchObject({ valid: false, reason: 'expired' });
    expect(evaluateVoucher(voucher({ startsAt: now }), 1_000, now)).toMatchObject({ valid: true });
  });

  it('accepts a subtotal exactly at the minimum and names the minimum when below it', () => {
    expect(evaluateVoucher(voucher({ minTotalCents: 5_000 }), 5_000, now)).toMatchObject({ valid: true, discountCents: 500 });
    const below = evaluateVoucher(voucher({ minTotalCents: 5_000 }), 4_999, now);
    expect(below.valid ? '' : below.message).toContain('$50.00');
  });

  it('reports an exhausted voucher before a subtotal below its minimum', () => {
    const result = evaluateVoucher(voucher({ maxRedemptions: 1, redemptions: 1, minTotalCents: 50_000 }), 100, now);
    expect(result).toMatchObject({ valid: false, reason: 'exhausted' });
  });
});
