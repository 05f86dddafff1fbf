import type { FastifyInstance } from 'fastify';
import { cartPages } from './cart.js';
import { checkoutPages } from './checkout.js';

/** HTML pages of the cart, the checkout and the order confirmation. */
export async function cartCheckoutPages(app: FastifyInstance): Promise<void> {
  await app.register(cartPages);
  await app.register(checkoutPages);
}
