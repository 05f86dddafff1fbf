import type { FastifyInstance } from 'fastify';
import { cartApiRoutes } from './carts.js';
import { orderApiRoutes } from './orders.js';
import { shippingApiRoutes } from './shipping.js';
import { voucherApiRoutes } from './vouchers.js';

/** REST API of carts, orders, shipping methods and voucher checks under /api/v1. */
export async function cartCheckoutApi(app: FastifyInstance): Promise<void> {
  await app.register(cartApiRoutes);
  await app.register(orderApiRoutes);
  await app.register(shippingApiRoutes);
  await app.register(voucherApiRoutes);
}
