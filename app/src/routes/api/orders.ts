import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/errors.js';
import { checkout } from '../../domain/orders/place-order.js';
import { readOrder } from '../../domain/orders/read.js';
import { commonErrors, errorResponse } from '../../schemas/errors.js';
import { checkoutHeaders, createOrderBody, orderIdParams, orderResponse } from '../../schemas/orders.js';
import { orderBody } from '../../schemas/present.js';

export async function orderApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/v1/orders',
    {
      schema: {
        tags: ['orders'],
        summary: 'Check out a cart: create an order, take the stock, redeem the voucher',
        description:
          'All or nothing in one transaction; the cart is deleted on success. With an Idempotency-Key, a retry of the same request returns the first order ' +
          'with 200 and `Idempotent-Replayed: true`; the same key with a different body is refused with 422 idempotency_key_reused.',
        headers: checkoutHeaders,
        body: createOrderBody,
        response: {
          201: orderResponse.describe('order created'),
          200: orderResponse.describe('the order this Idempotency-Key already created (replay)'),
          ...commonErrors,
          404: errorResponse.describe('no such cart'),
          409: errorResponse.describe('out_of_stock or voucher_exhausted'),
          422: errorResponse.describe('cart_empty, voucher_<reason> or idempotency_key_reused'),
        },
      },
    },
    async (request, reply) => {
      const { order, replayed } = await checkout(app.db, app.metrics, {
        ...request.body,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
      });
      reply.header('location', `/api/v1/orders/${order.id}`);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(orderBody(order));
    },
  );

  api.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'Read an order',
        params: orderIdParams,
        response: { 200: orderResponse, ...commonErrors, 404: errorResponse },
      },
    },
    async (request) => {
      const order = await readOrder(app.db, request.params.id);
      if (order === null) throw new NotFoundError('order');
      return orderBody(order);
    },
  );
}
