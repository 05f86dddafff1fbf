import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';

describe('not-found and error pages', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers an unknown address with a page that offers a search and the way back to the catalog', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.body).toContain('<h1 id="error-title">Page not found</h1>');
    expect(response.body).toContain('There is no page at this address.');
    expect(response.body).toMatch(/<form action="\/search" method="get">[\s\S]*<label for="not-found-search">Search the catalog<\/label>[\s\S]*name="q"/);
    expect(response.body).toContain('<a href="/products">Browse all products</a>');
    expect(response.body).toContain('<a href="/vendors">Shop by vendor</a>');
    expect(response.body).toContain('<a href="/">Back to the shop</a>');
    expect(response.body).toContain('<meta name="robots" content="noindex">');
  });

  it('names what was not found for unknown products, vendors and categories', async () => {
    for (const [url, sentence] of [
      ['/products/no-such-product', 'We could not find that product.'],
      ['/vendors/no-such-vendor', 'We could not find that vendor.'],
      ['/categories/no-such-category', 'We could not find that category.'],
    ] as const) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.body, url).toContain(sentence);
      expect(response.body, url).toContain('id="not-found-search"');
    }
  });

  it('keeps the API 404 as terse JSON', async () => {
    const route = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(route.statusCode).toBe(404);
    expect(route.json()).toEqual({ error: { code: 'not_found', message: 'no route for GET /api/v1/no-such-thing' } });
    const product = await t.app.inject({ method: 'GET', url: '/api/v1/products/no-such-product' });
    expect(product.statusCode).toBe(404);
    expect(product.json()).toMatchObject({ error: { code: 'not_found', message: 'product not found' } });
  });

  it('says a refused request in a plain sentence, never in the framework’s Title Case', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/cart/items', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain('<p>The shop cannot read a form sent in this format.</p>');
    expect(response.body).not.toContain('Unsupported Media Type');
    const api = await t.app.inject({ method: 'POST', url: '/api/v1/carts', headers: { 'content-type': 'text/xml' }, payload: '<a/>' });
    expect(api.statusCode).toBe(415);
    expect(api.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });
});
