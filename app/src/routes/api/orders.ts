import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../domain/domain-errors.js';
import { orderAccessGranted } from '../../domain/orders/access-token.js';
import { checkout } from '../../domain/orders/place-order.js';
import { readOrder } from '../../domain/orders/read.js';
import { commonErrors, errorResponse } from '../../schemas/error-response.js';
import { checkoutHeaders, createOrderBody, orderIdParams, orderResponse, placedOrderResponse } from '../../schemas/orders.js';
import { orderBody } from '../../schemas/present.js';

/** The token of `Authorization: Bearer <token>`, or undefined; its shape is checked with the token. */
function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1];
}

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
          'with 200 and `Idempotent-Replayed: true`; the same key with a different body is refused with 422 idempotency_key_reused. ' +
          'The response carries `accessToken`, the only way to read the order afterwards (GET /api/v1/orders/{id} with `Authorization: Bearer <accessToken>`); ' +
          'the shop stores only its SHA-256 and cannot show it again. A replay returns a fresh token; earlier ones keep working (the newest five per order). ' +
          'An expired cart (unused for CART_TTL_DAYS) is 404 like an unknown one. ' +
          'Shipping: `shippingMethod` names an active method (GET /api/v1/shipping-methods); its cost is read in the same transaction and charged on top of the goods ' +
          '(free when the goods after the voucher reach the method\'s freeAboveCents). Prices include VAT; `vatCents` states the VAT contained in the total.',
        headers: checkoutHeaders,
        body: createOrderBody,
        response: {
          201: placedOrderResponse.describe('order created'),
          200: placedOrderResponse.describe('the order this Idempotency-Key already created (replay)'),
          ...commonErrors,
          404: errorResponse.describe('no such cart, or the cart expired'),
          409: errorResponse.describe(
            'out_of_stock, voucher_exhausted, or price_changed: the total (shipping included) read in the checkout transaction differs from expectedTotalCents; nothing was ordered, ' +
              '`fields` carry the current total (path expectedTotalCents), the chosen method\'s current shipping cost (path shippingMethod) and each line\'s current unit price (path lines.<sku>)',
          ),
          422: errorResponse.describe('cart_empty, voucher_<reason>, shipping_method_unavailable (unknown or inactive method), country_not_served or idempotency_key_reused'),
        },
      },
    },
    async (request, reply) => {
      const { order, replayed, accessToken } = await checkout(app.db, app.metrics, {
        ...request.body,
        idempotencyKey: request.headers['idempotency-key'] ?? null,
        cartTtlDays: app.config.CART_TTL_DAYS,
      });
      reply.header('location', `/api/v1/orders/${order.id}`).header('cache-control', 'no-store');
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send({ ...orderBody(order), accessToken });
    },
  );

  api.get(
    '/api/v1/orders/:id',
    {
      schema: {
        tags: ['orders'],
        summary: 'Read an order',
        description:
          'Requires `Authorization: Bearer <accessToken>` with the token POST /api/v1/orders returned. A missing or wrong token answers 404, ' +
          'exactly as an order that does not exist, so an order id alone reveals nothing.',
        security: [{ orderAccessToken: [] }],
        params: orderIdParams,
        response: { 200: orderResponse, ...commonErrors, 404: errorResponse.describe('no such order, or the token is missing or wrong') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!(await orderAccessGranted(app.db, id, bearerToken(request.headers.authorization)))) throw new NotFoundError('order');
      const order = await readOrder(app.db, id);
      if (order === null) throw new NotFoundError('order');
      reply.header('cache-control', 'no-store');
      return orderBody(order);
    },
  );
}
