import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves an OpenAPI 3.1 document that validates against the official schema', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('keeps HTML pages and probes out of the API description', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    const paths = Object.keys(document.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/products', '/api/v1/carts', '/api/v1/orders', '/api/v1/admin/products']));
    for (const path of paths) expect(path).toMatch(/^\/api\/v1\//);
  });

  it('documents the 503 every operation answers while the database is away, in the error shape', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
    }>();
    const missing: string[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.responses['503']?.content?.['application/json']?.schema;
        if (schema?.$ref !== '#/components/schemas/Error') missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('states the rules the API enforces, so generated requests meet them: text patterns, optional bodies', async () => {
    interface Operation { requestBody?: { required: boolean } }
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: Record<string, { pattern?: string; allOf?: { pattern: string }[] }> }> };
    }>();
    const order = document.components.schemas.CreateOrderInput?.properties ?? {};
    expect(order.name?.pattern).toBe('^[^\\x00-\\x1F\\x7F-\\x9F]*$');
    const address = document.components.schemas.Address?.properties ?? {};
    expect(address.line1?.pattern).toBe('^[^\\x00-\\x1F\\x7F-\\x9F]*$');
    expect(address.postalCode?.pattern).toBe('^\\s*\\d{6}\\s*$');
    expect(order.email?.allOf?.map((rule) => rule.pattern)).toContain('^[^\\x00-\\x1F\\x7F-\\x9F]*$');
    // POST /api/v1/carts is called without a body; every other body is required.
    expect(document.paths['/api/v1/carts']?.post?.requestBody?.required).toBe(false);
    expect(document.paths['/api/v1/orders']?.post?.requestBody?.required).toBe(true);
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/carts' });
    expect(bare.statusCode).toBe(201);
  });

  it('documents a rule refusing NUL for every string the API reads (bodies, queries, paths, headers)', async () => {
    interface Node {
      $ref?: string;
      type?: unknown;
      pattern?: string;
      format?: string;
      enum?: unknown[];
      [key: string]: unknown;
    }
    interface Operation {
      parameters?: { name: string; in: string; schema: Node }[];
      requestBody?: { content: Record<string, { schema: Node }> };
    }
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, Node> };
    }>();
    // Never stored nor shown: compared with its scrypt hash only, so any text may be tried.
    const exempt = new Set(['POST /api/v1/admin/session body.password']);
    const refusesNul = (node: Node): boolean => {
      const patterns = [node.pattern, ...((node.allOf as Node[] | undefined) ?? []).map((part) => part.pattern)].filter((p): p is string => p !== undefined);
      // eslint-disable-next-line security/detect-non-literal-regexp -- patterns of the app's own OpenAPI document
      if (patterns.some((pattern) => !new RegExp(pattern, 'u').test('a\u0000b'))) return true;
      if (node.enum !== undefined) return !node.enum.includes('a\u0000b');
      return node.format === 'uuid' || node.format === 'date-time';
    };
    const unguarded: string[] = [];
    const walk = (node: Node | undefined, where: string, seen: Set<string>): void => {
      if (node === undefined) return;
      if (node.$ref !== undefined) {
        const name = node.$ref.split('/').pop() ?? '';
        if (!seen.has(name)) walk(document.components.schemas[name], where, new Set([...seen, name]));
        return;
      }
      const types = Array.isArray(node.type) ? node.type : [node.type];
      if (types.includes('string') && !exempt.has(where) && !refusesNul(node)) unguarded.push(where);
      for (const [key, value] of Object.entries((node.properties as Record<string, Node> | undefined) ?? {})) walk(value, `${where}.${key}`, seen);
      for (const key of ['items', 'additionalProperties', 'propertyNames'] as const) {
        if (typeof node[key] === 'object') walk(node[key] as Node, `${where}.${key}`, seen);
      }
      for (const key of ['anyOf', 'oneOf'] as const) for (const part of (node[key] as Node[] | undefined) ?? []) walk(part, where, seen);
    };
    let parameters = 0;
    let bodies = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const label = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          parameters += 1;
          walk(parameter.schema, `${label} ${parameter.in}.${parameter.name}`, new Set());
        }
        for (const media of Object.values(operation.requestBody?.content ?? {})) {
          bodies += 1;
          walk(media.schema, `${label} body`, new Set());
        }
      }
    }
    console.log(`OpenAPI: ${parameters} parameters and ${bodies} request bodies walked; strings without a rule refusing NUL: ${unguarded.length}`);
    expect(unguarded).toEqual([]);
  });

  it('serves a documentation page for people', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});
