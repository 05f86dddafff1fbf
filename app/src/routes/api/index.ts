import type { FastifyInstance } from 'fastify';
import { cartApiRoutes } from './carts.js';
import { catalogApiRoutes } from './catalog.js';
import { orderApiRoutes } from './orders.js';
import { shippingApiRoutes } from './shipping.js';
import { voucherApiRoutes } from './vouchers.js';

/** The public REST API under /api/v1: catalog reads, carts, orders, shipping methods, voucher checks. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(catalogApiRoutes);
  await app.register(cartApiRoutes);
  await app.register(orderApiRoutes);
  await app.register(shippingApiRoutes);
  await app.register(voucherApiRoutes);
}
