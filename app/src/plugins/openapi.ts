import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

// The OpenAPI document is generated from the same zod schemas that validate requests, so the
// description cannot drift from the behaviour. Routes with `schema.hide` (HTML pages, probes)
// stay out of it.
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Bitshop storefront API',
        description: 'Catalog, carts, orders, vouchers and admin operations of the Bitshop computer store.',
        version: '1.0.0',
      },
      servers: [{ url: app.baseUrl }],
      components: {
        securitySchemes: {
          adminSession: { type: 'apiKey', in: 'cookie', name: 'admin_session', description: 'session cookie from POST /api/v1/admin/session' },
          orderAccessToken: { type: 'http', scheme: 'bearer', description: 'the accessToken POST /api/v1/orders returned for that order' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    hiddenTag: 'internal',
    hideUntagged: true,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    uiConfig: { deepLinking: false, tryItOutEnabled: false },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
