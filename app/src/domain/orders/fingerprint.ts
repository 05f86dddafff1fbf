import { createHash } from 'node:crypto';

export interface CheckoutRequest {
  cartId: string;
  email: string;
  name: string;
  shippingAddress: string;
}

/** The request as the shop understands it: trimmed, inner whitespace collapsed, email lowercased. */
export function normaliseCheckoutRequest(request: CheckoutRequest): CheckoutRequest {
  const tidy = (value: string) => value.trim().replace(/[ \t]+/g, ' ');
  return {
    cartId: request.cartId.toLowerCase(),
    email: request.email.trim().toLowerCase(),
    name: tidy(request.name),
    shippingAddress: tidy(request.shippingAddress.replace(/\r\n?/g, '\n')),
  };
}

/**
 * Tells a retry (same request, same key) from a different request that reuses a key. Keys are
 * sorted so the hash does not depend on property order.
 */
export function requestFingerprint(request: CheckoutRequest): string {
  const normalised = normaliseCheckoutRequest(request);
  const canonical = JSON.stringify([normalised.cartId, normalised.email, normalised.name, normalised.shippingAddress]);
  return createHash('sha256').update(canonical).digest('hex');
}
