import type { FastifyRequest } from 'fastify';
import { readCartId } from '../plugins/cart-cookie.js';
import type { LayoutContext } from './layout.js';

/** What the layout needs about the visitor: their cart's item count. */
export async function pageContext(request: FastifyRequest, query?: string): Promise<LayoutContext> {
  const cartId = readCartId(request);
  let cartCount = 0;
  if (cartId !== null) {
    const { rows } = await request.server.db.query<{ count: number }>(
      'SELECT coalesce(sum(quantity), 0)::int AS count FROM cart_items WHERE cart_id = $1',
      [cartId],
    );
    cartCount = rows[0]?.count ?? 0;
  }
  return query === undefined ? { cartCount } : { cartCount, query };
}
