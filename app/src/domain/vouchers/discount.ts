// Pure discount arithmetic on integer cents, so the same rule prices the cart, the voucher
// check and the order.

export type VoucherKind = 'percent' | 'fixed';

/**
 * Percent: the share of the subtotal rounded to the cent, half up (12.5 cents -> 13).
 * Fixed: the amount, never more than the subtotal, so a total cannot go below zero.
 */
export function discountCents(kind: VoucherKind, amount: number, subtotalCents: number): number {
  if (subtotalCents <= 0 || amount <= 0) return 0;
  if (kind === 'percent') {
    // Integer arithmetic avoids binary fractions: floor((s * p + 50) / 100) is half-up rounding.
    const discount = Math.floor((subtotalCents * Math.min(amount, 100) + 50) / 100);
    return Math.min(discount, subtotalCents);
  }
  return Math.min(amount, subtotalCents);
}
