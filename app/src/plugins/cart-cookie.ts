import type { FastifyReply, FastifyRequest } from 'fastify';
import { useCart } from '../domain/cart/lifetime.js';

// The cart lives in the database; the browser only holds its id in a signed cookie, so a
// visitor cannot read or guess another visitor's cart. The cookie lasts as long as the cart
// (CART_TTL_DAYS) and slides with it: every response that uses the cart sets it again.
export const cartCookieName = 'cart';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The cart id the signed cookie names, whether or not that cart still exists. */
export function readCartId(request: FastifyRequest): string | null {
  const raw = request.cookies[cartCookieName];
  if (raw === undefined) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !uuidPattern.test(unsigned.value)) return null;
  return unsigned.value;
}

export function setCartCookie(reply: FastifyReply, cartId: string): void {
  reply.setCookie(cartCookieName, cartId, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.cookieSecure,
    path: '/',
    maxAge: reply.server.config.CART_TTL_DAYS * 24 * 60 * 60,
  });
}

export function clearCartCookie(reply: FastifyReply): void {
  reply.clearCookie(cartCookieName, { path: '/' });
}

/**
 * The visitor's cart when it is still alive, counted as used now: its life and the cookie's
 * Max-Age start again. A cookie naming a cart that expired or is gone is cleared.
 */
export async function useCartFromCookie(request: FastifyRequest, reply: FastifyReply): Promise<string | null> {
  const cartId = readCartId(request);
  if (cartId === null) return null;
  if (await useCart(request.server.db, cartId, request.server.config.CART_TTL_DAYS)) {
    setCartCookie(reply, cartId);
    return cartId;
  }
  clearCartCookie(reply);
  return null;
}
