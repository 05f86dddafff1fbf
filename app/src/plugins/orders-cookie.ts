import type { FastifyReply, FastifyRequest } from 'fastify';

// The browser that placed an order may read its order page without asking for anything: a
// signed, HttpOnly cookie lists the orders it placed, each with its access token. The token
// is what the page checks (as the API does), the signature keeps the list the shop's own, and
// the path keeps the cookie off every request but the order pages.
export const ordersCookieName = 'orders';
/** The newest orders are kept; a browser that placed more reads older ones through their links. */
export const maxRememberedOrders = 10;
const maxAgeSeconds = 90 * 24 * 60 * 60;
const entryPattern = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{43})$/;

export interface OrderPass {
  orderId: string;
  token: string;
}

/** The orders this browser placed, newest first; an unsigned or tampered cookie lists none. */
export function readOrderPasses(request: FastifyRequest): OrderPass[] {
  const raw = request.cookies[ordersCookieName];
  if (raw === undefined) return [];
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid) return [];
  const passes: OrderPass[] = [];
  for (const entry of unsigned.value.split('|').slice(0, maxRememberedOrders)) {
    const match = entryPattern.exec(entry);
    if (match?.[1] !== undefined && match[2] !== undefined) passes.push({ orderId: match[1], token: match[2] });
  }
  return passes;
}

export function passFor(request: FastifyRequest, orderId: string): OrderPass | undefined {
  const id = orderId.toLowerCase();
  return readOrderPasses(request).find((pass) => pass.orderId === id);
}

/** Adds (or refreshes) an order at the front of the list and sets the cookie again. */
export function rememberOrder(request: FastifyRequest, reply: FastifyReply, pass: OrderPass): void {
  const fresh = { orderId: pass.orderId.toLowerCase(), token: pass.token };
  const kept = [fresh, ...readOrderPasses(request).filter((known) => known.orderId !== fresh.orderId)].slice(0, maxRememberedOrders);
  reply.setCookie(ordersCookieName, kept.map((known) => `${known.orderId}:${known.token}`).join('|'), {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.cookieSecure,
    path: '/orders',
    maxAge: maxAgeSeconds,
  });
}
