import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { activeShippingMethods } from '../../domain/shipping/methods.js';
import { commonErrors } from '../../schemas/error-response.js';
import { shippingMethodList } from '../../schemas/shipping.js';

export async function shippingApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/shipping-methods',
    {
      schema: {
        tags: ['orders'],
        summary: 'The shipping methods a checkout can choose, with their cost',
        description: 'Read from the database on every request (an admin may change them); the checkout charges what the method costs in its own transaction.',
        response: { 200: shippingMethodList, ...commonErrors },
      },
    },
    async (_request, reply) => {
      const methods = await activeShippingMethods(app.db);
      reply.header('cache-control', 'no-store');
      return { items: methods.map(({ code, name, priceCents, freeAboveCents, deliveryEstimate }) => ({ code, name, priceCents, freeAboveCents, deliveryEstimate })) };
    },
  );
}
