import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

interface JsonSchemaNode {
  type?: unknown;
  anyOf?: JsonSchemaNode[];
  oneOf?: JsonSchemaNode[];
}
interface OperationNode {
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchemaNode }> };
}

function acceptsNull(schema: JsonSchemaNode | undefined): boolean {
  if (schema === undefined) return false;
  if (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'))) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(acceptsNull);
}

/**
 * @fastify/swagger marks every declared body as required, but a route whose body schema accepts
 * null (zod `.nullish()`) is also called without one (POST /api/v1/carts). Say so, or clients
 * and fuzzers read a rule the API does not have.
 */
function markOptionalBodies<T>(document: T): T {
  const paths = (document as { paths?: Record<string, Record<string, OperationNode | undefined>> }).paths ?? {};
  for (const pathItem of Object.values(paths)) {
    for (const operation of Object.values(pathItem)) {
      const body = operation?.requestBody;
      const schemas = Object.values(body?.content ?? {}).map((media) => media.schema);
      if (body !== undefined && schemas.length > 0 && schemas.every(acceptsNull)) body.required = false;
    }
  }
  return document;
}

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
    transformObject: (documentObject) => markOptionalBodies(jsonSchemaTransformObject(documentObject)),
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
