import Fastify, { type FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CatalogCache } from '../../../src/domain/catalog/catalog-cache.js';
import { registerCatalogCacheClearing } from '../../../src/routes/admin/catalog-cache-clearing.js';

// The admin scope refuses a catalog write route that does not say it changes the catalog, and
// clears the cache after the ones that do, only when they succeed.

function adminScope(): { app: FastifyInstance; cache: CatalogCache } {
  const app = Fastify({ logger: false });
  const cache = new CatalogCache(60_000);
  app.decorate('catalogCache', cache);
  registerCatalogCacheClearing(app);
  return { app, cache };
}

describe('catalog cache clearing in the admin scope', () => {
  it.each([
    ['POST', '/admin/products/:id/edit'],
    ['POST', '/admin/vendors/new'],
    ['PATCH', '/api/v1/admin/products/:sku'],
    ['DELETE', '/api/v1/admin/categories/:slug'],
  ] as const)('refuses %s %s without config.changesCatalog', async (method, url) => {
    const { app } = adminScope();
    expect(() => app.route({ method, url, handler: async () => 'ok' })).toThrow(`${method} ${url} writes the catalog: mark it config.changesCatalog`);
    await app.close();
  });

  it('accepts reads of the catalog and writes elsewhere without the mark', async () => {
    const { app } = adminScope();
    app.get('/admin/products/:id/edit', async () => 'form');
    app.get('/api/v1/admin/vendors', async () => []);
    app.post('/admin/vouchers/new', async () => 'voucher');
    app.post('/admin/productsheet', async () => 'not a catalog resource');
    await app.ready();
    await app.close();
  });

  it('clears the cache after a marked write that succeeds, and keeps it after one refused', async () => {
    const { app, cache } = adminScope();
    app.post('/admin/products/:id/edit', { config: { changesCatalog: true } }, async (request, reply) =>
      (request.params as { id: string }).id === 'bad' ? reply.code(400).send('refused') : 'saved');
    await app.ready();
    let loads = 0;
    const load = async () => { loads += 1; return loads; };
    await cache.remember('page', load);
    expect((await app.inject({ method: 'POST', url: '/admin/products/bad/edit' })).statusCode).toBe(400);
    expect(await cache.remember('page', load)).toBe(1);
    expect((await app.inject({ method: 'POST', url: '/admin/products/7/edit' })).statusCode).toBe(200);
    expect(await cache.remember('page', load)).toBe(2);
    await app.close();
  });
});
