import type { FastifyInstance } from 'fastify';
import { cartPages } from './cart.js';
import { catalogPageRoutes } from './catalog.js';
import { checkoutPages } from './checkout.js';
import { productImageRoutes } from './images.js';
import { uploadedImageRoutes } from './uploaded-images.js';

/** The shop's HTML pages and images: catalog, product pictures, cart, checkout and orders. */
export async function storefrontRoutes(app: FastifyInstance): Promise<void> {
  await app.register(catalogPageRoutes);
  await app.register(productImageRoutes);
  await app.register(uploadedImageRoutes);
  await app.register(cartPages);
  await app.register(checkoutPages);
}
