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

  it('states the rules the API enforces, so generated requests meet them: text patterns, optional bodies', async () => {
    interface Operation { requestBody?: { required: boolean } }
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, { properties: Record<string, { pattern?: string; allOf?: { pattern: string }[] }> }> };
    }>();
    const order = document.components.schemas.CreateOrderInput?.properties ?? {};
    expect(order.name?.pattern).toBe('^[^\\x00-\\x1F\\x7F-\\x9F]*$');
    expect(order.shippingAddress?.pattern).toBe('^[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]*$');
    expect(order.email?.allOf?.map((rule) => rule.pattern)).toContain('^[^\\x00-\\x1F\\x7F-\\x9F]*$');
    // POST /api/v1/carts is called without a body; every other body is required.
    expect(document.paths['/api/v1/carts']?.post?.requestBody?.required).toBe(false);
    expect(document.paths['/api/v1/orders']?.post?.requestBody?.required).toBe(true);
    const bare = await t.app.inject({ method: 'POST', url: '/api/v1/carts' });
    expect(bare.statusCode).toBe(201);
  });

  it('serves a documentation page for people', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('swagger');
  });
});
