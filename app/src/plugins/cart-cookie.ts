import type { FastifyReply, FastifyRequest } from 'fastify';

// The cart lives in the database; the browser only holds its id in a signed cookie, so a
// visitor cannot read or guess another visitor's cart.
export const cartCookieName = 'cart';
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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
    maxAge: 60 * 60 * 24 * 30,
  });
}

export function clearCartCookie(reply: FastifyReply): void {
  reply.clearCookie(cartCookieName, { path: '/' });
}
