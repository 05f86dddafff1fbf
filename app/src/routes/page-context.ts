import type { FastifyRequest } from 'fastify';
import { countCartItems } from '../domain/cart/read.js';
import { readCartId } from '../plugins/cart-cookie.js';
import type { LayoutContext } from '../views/layout.js';

/**
 * What the layout needs about the visitor: their cart's item count. Read here, from the cookie
 * and the database, so the views receive it as a value.
 */
export async function pageContext(request: FastifyRequest, query?: string): Promise<LayoutContext> {
  const cartId = readCartId(request);
  const cartCount = cartId === null ? 0 : await countCartItems(request.server.db, cartId, request.server.config.CART_TTL_DAYS);
  return query === undefined ? { cartCount } : { cartCount, query };
}
