// Vouchers the seed catalog comes with, one per rule the checkout enforces, so each rule
// can be tried by hand on a fresh shop. Dates are fixed so seeding stays deterministic.

export interface SeedVoucher {
  code: string;
  description: string;
  kind: 'percent' | 'fixed';
  /** Percent (1-100) or cents off. */
  amount: number;
  minTotalCents: number;
  startsAt: string | null;
  endsAt: string | null;
  maxRedemptions: number | null;
}

export const seedVouchers: readonly SeedVoucher[] = [
  { code: 'WELCOME10', description: '10% off any order', kind: 'percent', amount: 10, minTotalCents: 0, startsAt: null, endsAt: null, maxRedemptions: null },
  { code: 'SAVE25', description: '$25 off orders over $250', kind: 'fixed', amount: 2500, minTotalCents: 25_000, startsAt: null, endsAt: null, maxRedemptions: null },
  { code: 'BIGSPENDER', description: '15% off orders over $1,500, for the first 100 orders', kind: 'percent', amount: 15, minTotalCents: 150_000, startsAt: null, endsAt: null, maxRedemptions: 100 },
  { code: 'EXPIRED5', description: '5% off; the offer ended on 31 December 2025', kind: 'percent', amount: 5, minTotalCents: 0, startsAt: '2025-01-01T00:00:00Z', endsAt: '2025-12-31T23:59:59Z', maxRedemptions: null },
  { code: 'LIMITED3', description: '20% off, for the first 3 orders only', kind: 'percent', amount: 20, minTotalCents: 0, startsAt: null, endsAt: null, maxRedemptions: 3 },
];
