import { discountCents, type VoucherKind } from './discount.js';
import { voucherState } from './state.js';

export interface Voucher {
  id: number;
  code: string;
  description: string;
  kind: VoucherKind;
  amount: number;
  minTotalCents: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxRedemptions: number | null;
  redemptions: number;
  active: boolean;
}

export const voucherRejections = ['unknown', 'inactive', 'not_yet_valid', 'expired', 'exhausted', 'below_minimum'] as const;
export type VoucherRejection = (typeof voucherRejections)[number];

/** One fixed sentence per reason: safe to show anywhere, including after a redirect. */
export const voucherRejectionMessages: Record<VoucherRejection, string> = {
  unknown: 'There is no voucher with this code.',
  inactive: 'This voucher is no longer active.',
  not_yet_valid: 'This voucher is not valid yet.',
  expired: 'This voucher has expired.',
  exhausted: 'This voucher has been fully redeemed.',
  below_minimum: 'Your subtotal is below the minimum order total for this voucher.',
};

export type VoucherEvaluation =
  | { valid: true; voucher: Voucher; discountCents: number }
  | { valid: false; voucher: Voucher | null; reason: VoucherRejection; message: string; discountCents: 0 };

function reject(voucher: Voucher | null, reason: VoucherRejection): VoucherEvaluation {
  return { valid: false, voucher, reason, message: voucherRejectionMessages[reason], discountCents: 0 };
}

/**
 * Whether `voucher` gives a discount on `subtotalCents` at `now`, and how much. The checks run
 * from the most permanent reason to the one the customer can fix (adding items), so the
 * message points at what actually stands in the way.
 */
export function evaluateVoucher(voucher: Voucher | null, subtotalCents: number, now: Date): VoucherEvaluation {
  if (voucher === null) return reject(null, 'unknown');
  const state = voucherState(voucher, now);
  if (state !== 'active') return reject(voucher, state === 'scheduled' ? 'not_yet_valid' : state);
  if (voucher.maxRedemptions !== null && voucher.redemptions >= voucher.maxRedemptions) return reject(voucher, 'exhausted');
  if (subtotalCents < voucher.minTotalCents) {
    const needed = (voucher.minTotalCents / 100).toFixed(2);
    const message = `${voucherRejectionMessages.below_minimum} It needs a subtotal of at least $${needed}.`;
    return { valid: false, voucher, reason: 'below_minimum', message, discountCents: 0 };
  }
  return { valid: true, voucher, discountCents: discountCents(voucher.kind, voucher.amount, subtotalCents) };
}
