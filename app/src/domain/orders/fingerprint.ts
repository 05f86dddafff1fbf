import { createHash } from 'node:crypto';
import type { PostalAddress } from './address.js';

export interface CheckoutRequest {
  cartId: string;
  email: string;
  name: string;
  address: PostalAddress;
  /** A shipping_methods.code. */
  shippingMethod: string;
}

const tidy = (value: string) => value.trim().replace(/[ \t]+/g, ' ');

/** The request as the shop understands it: trimmed, inner whitespace collapsed, email lowercased. */
export function normaliseCheckoutRequest(request: CheckoutRequest): CheckoutRequest {
  return {
    cartId: request.cartId.toLowerCase(),
    email: request.email.trim().toLowerCase(),
    name: tidy(request.name),
    address: {
      line1: tidy(request.address.line1),
      line2: tidy(request.address.line2),
      postalCode: tidy(request.address.postalCode),
      city: tidy(request.address.city),
      country: request.address.country.trim().toUpperCase(),
    },
    shippingMethod: request.shippingMethod.trim().toLowerCase(),
  };
}

/**
 * Tells a retry (same request, same key) from a different request that reuses a key. A fixed
 * array order, so the hash does not depend on property order.
 */
export function requestFingerprint(request: CheckoutRequest): string {
  const n = normaliseCheckoutRequest(request);
  const canonical = JSON.stringify([n.cartId, n.email, n.name, n.address.line1, n.address.line2, n.address.postalCode, n.address.city, n.address.country, n.shippingMethod]);
  return createHash('sha256').update(canonical).digest('hex');
}
