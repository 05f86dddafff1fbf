import type { ShippingMethod } from './methods.js';

/** What the method costs for goods worth `goodsCents` (subtotal less the voucher). */
export function shippingChargeCents(method: Pick<ShippingMethod, 'priceCents' | 'freeAboveCents'>, goodsCents: number): number {
  return method.freeAboveCents !== null && goodsCents >= method.freeAboveCents ? 0 : method.priceCents;
}
