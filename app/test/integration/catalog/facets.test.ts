import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Database } from '../../../src/db/database.js';
import { insertCatalogFixture } from '../../support/catalog-fixtures.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase } from '../../support/database.js';

// Facet counts, spec filters, active-filter chips and the sort form, on the small fixture
// catalog whose every count can be worked out by hand. Each page is asked of the app serving
// from the in-memory snapshot and of the one reading SQL: both must answer the same bytes.

/** Undoes ghtml's escaping of attribute values, to compare addresses as a browser reads them. */
function decode(text: string): string {
  return text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&').replace(/&quot;/g, '"');
}

/** "Name (count)" of each checkbox of one filter group, in page order. */
function options(body: string, name: string): string[] {
  const boxes = /name="([a-z]+)" value="[^"]+"( checked)?>\s*<label[^>]*>([^<]*)<span class="count"> \((\d+)\)<\/span>/g;
  return [...body.matchAll(boxes)].filter((match) => match[1] === name).map((match) => `${match[3] ?? ''} (${match[4] ?? ''})${match[2] === undefined ? '' : ' checked'}`);
}

function categoryOptions(body: string): string[] {
  const select = /<select id="filter-category" name="category">([\s\S]*?)<\/select>/.exec(body)?.[1] ?? '';
  return [...select.matchAll(/<option value="([^"]*)"( selected)?>([^<]*)<\/option>/g)].map((match) => `${match[3] ?? ''}${match[2] === undefined ? '' : ' selected'}`);
}

function chips(body: string): { text: string; href: string }[] {
  const group = /<div class="active-filters" role="group" aria-label="Active filters">([\s\S]*?)<\/div>/.exec(body)?.[1] ?? '';
  return [...group.matchAll(/<a class="chip[^"]*" href="([^"]*)">([\s\S]*?)<\/a>/g)].map((match) => ({
    href: decode(match[1] ?? ''),
    text: decode((match[2] ?? '').replace(/<[^>]+>/g, '')).trim(),
  }));
}

function productSlugs(body: string): string[] {
  return [...body.matchAll(/<h2><a href="\/products\/([^"]+)">/g)].map((match) => match[1] ?? '');
}

describe('catalog facets and spec filters', () => {
  let db: Database;
  let fromSnapshot: FastifyInstance;
  let fromDatabase: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDatabase();
    await insertCatalogFixture(db);
    fromSnapshot = await buildApp({ config: testConfig({ CATALOG_SNAPSHOT: 'true' }), db, logger: false });
    fromDatabase = await buildApp({ config: testConfig(), db, logger: false });
    await fromSnapshot.catalogSync?.whenUsable();
  });
  afterAll(async () => {
    await fromSnapshot.close();
    await fromDatabase.close();
    await db.close();
  });

  /** The page as both apps answer it, after checking they answer it identically. */
  async function get(url: string): Promise<{ statusCode: number; body: string }> {
    const [cached, fresh] = await Promise.all([fromSnapshot.inject({ url }), fromDatabase.inject({ url })]);
    expect({ url, status: cached.statusCode, body: cached.body }).toEqual({ url, status: fresh.statusCode, body: fresh.body });
    return { statusCode: fresh.statusCode, body: fresh.body };
  }

  it('counts products per vendor, category and spec value over the whole catalog', async () => {
    const { body } = await get('/products');
    expect(options(body, 'vendor')).toEqual(['Acme (3)', 'Zeta Systems (2)']);
    expect(categoryOptions(body)).toEqual(['All categories', 'Laptops (3)', 'Monitors (2)']);
    expect(options(body, 'memory')).toEqual(['16 GB (1)', '32 GB (1)', '64 GB (1)']);
    expect(options(body, 'cpu')).toEqual(['AMD Ryzen 7 (1)', 'Intel Core i9 (1)', 'Intel Core Ultra 5 (1)']);
    expect(options(body, 'screen')).toEqual(['14–15.9 in (1)', '18–26.9 in (1)', '27–31.9 in (1)']);
    // No product has a storage or graphics spec: those filters are not offered at all.
    expect(body).not.toContain('<legend>Storage</legend>');
    expect(body).not.toContain('<legend>Graphics</legend>');
    expect(body).not.toContain('aria-label="Active filters"');
  });

  it('makes each facet follow every other filter, and not its own', async () => {
    const { body } = await get('/products?category=laptops&vendor=acme');
    expect(productSlugs(body).sort()).toEqual(['acme-featherbook-14', 'acme-powerbook-16']);
    // Vendors follow the category: Zeta has one laptop; its own vendor filter leaves the list whole.
    expect(options(body, 'vendor')).toEqual(['Acme (2) checked', 'Zeta Systems (1)']);
    // Categories follow the vendor: Acme has two laptops and one monitor.
    expect(categoryOptions(body)).toEqual(['All categories', 'Laptops (2) selected', 'Monitors (1)']);
    // Spec values follow both.
    expect(options(body, 'memory')).toEqual(['16 GB (1)', '64 GB (1)']);
    expect(options(body, 'screen')).toEqual(['14–15.9 in (1)']);
  });

  it('offers only vendors with products in the selection, and keeps a chosen one at 0', async () => {
    const cheap = await get('/products?category=monitors&max=300');
    expect(productSlugs(cheap.body)).toEqual(['acme-view-24']);
    expect(options(cheap.body, 'vendor')).toEqual(['Acme (1)']);
    expect(cheap.body).not.toContain('filter-vendor-zeta');
    const chosen = await get('/products?category=monitors&max=300&vendor=zeta');
    expect(chosen.body).toContain('No products match these filters.');
    expect(options(chosen.body, 'vendor')).toEqual(['Acme (1)', 'Zeta Systems (0) checked']);
  });

  it('filters by memory, processor family and screen size, any of several values in one filter', async () => {
    expect(productSlugs((await get('/products?memory=16-gb')).body)).toEqual(['acme-featherbook-14']);
    expect(productSlugs((await get('/products?memory=16-gb,64-gb&sort=price_asc')).body)).toEqual(['acme-featherbook-14', 'acme-powerbook-16']);
    expect(productSlugs((await get('/products?cpu=intel-core-i9')).body)).toEqual(['acme-powerbook-16']);
    expect(productSlugs((await get('/products?screen=27-32&screen=18-27&sort=price_desc')).body)).toEqual(['zeta-vision-27', 'acme-view-24']);
    // Two filters together: a 16 GB machine by Zeta does not exist.
    const none = await get('/products?memory=16-gb&vendor=zeta');
    expect(productSlugs(none.body)).toEqual([]);
    expect(options(none.body, 'memory')).toEqual(['16 GB (0) checked', '32 GB (1)']);
    expect(options(none.body, 'vendor')).toEqual(['Acme (1)', 'Zeta Systems (0) checked']);
  });

  it('applies spec filters to search results, vendor and category pages', async () => {
    const search = await get('/search?q=laptop&memory=64-gb');
    expect(productSlugs(search.body)).toEqual(['acme-powerbook-16']);
    expect(search.body).toContain('<input type="hidden" name="q" value="laptop">');
    expect(productSlugs((await get('/vendors/zeta?screen=27-32')).body)).toEqual(['zeta-vision-27']);
    const category = await get('/categories/laptops?cpu=amd-ryzen-7');
    expect(productSlugs(category.body)).toEqual(['zeta-ultrabook-13']);
    expect(category.body).not.toContain('id="filter-category"');
    // Acme has no Ryzen 7 laptop: it is not offered.
    expect(options(category.body, 'vendor')).toEqual(['Zeta Systems (1)']);
  });

  it('shows each active filter as a link to the same listing without it, and "Clear all"', async () => {
    const { body } = await get('/products?vendor=acme&memory=16-gb&min=100&inStock=true&sort=price_asc&page=1');
    expect(chips(body)).toEqual([
      { text: 'Remove Vendor: Acme ×', href: '/products?min=100&inStock=true&memory=16-gb&sort=price_asc' },
      { text: 'Remove Memory: 16 GB ×', href: '/products?vendor=acme&min=100&inStock=true&sort=price_asc' },
      { text: 'Remove From $100 ×', href: '/products?vendor=acme&inStock=true&memory=16-gb&sort=price_asc' },
      { text: 'Remove In stock only ×', href: '/products?vendor=acme&min=100&memory=16-gb&sort=price_asc' },
      { text: 'Clear all', href: '/products?sort=price_asc' },
    ]);
    const search = await get('/search?q=laptop&category=laptops');
    expect(chips(search.body)).toEqual([
      { text: 'Remove Category: Laptops ×', href: '/search?q=laptop' },
      { text: 'Clear all', href: '/search?q=laptop' },
    ]);
  });

  it('sorts from a form of its own above the results that keeps the filters and works without JavaScript', async () => {
    const { body } = await get('/categories/laptops?vendor=acme&memory=16-gb&page=2');
    const form = /<form class="sort-form" method="get" action="\/categories\/laptops" aria-label="Sort products">([\s\S]*?)<\/form>/.exec(body)?.[1] ?? '';
    expect(form).not.toBe('');
    const hidden = [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => `${match[1] ?? ''}=${match[2] ?? ''}`);
    expect(hidden).toEqual(['vendor=acme', 'memory=16-gb']);
    expect(form).toContain('<label for="sort">Sort by</label>');
    expect(form).toContain('<button type="submit" class="secondary">Sort</button>');
    // Above the results, beside their count.
    const listed = (await get('/categories/laptops?vendor=acme')).body;
    expect(listed).toMatch(/<div class="toolbar"><p role="status">Showing 1–2 of 2 products\.<\/p><form class="sort-form"[\s\S]*<\/form><\/div>[\s\S]*<ul class="product-grid">/);
  });

  it('answers a malformed spec filter with a 400 page naming the parameter', async () => {
    for (const [query, parameter] of [
      ['memory=lots', 'memory'],
      ['storage=1-pb', 'storage'],
      ['screen=huge', 'screen'],
      ['cpu=Intel%20Core', 'cpu'],
      ['gpu=%00', 'gpu'],
      [`memory=${Array.from({ length: 21 }, (_, n) => `${n + 1}-gb`).join(',')}`, 'memory'],
    ] as const) {
      const response = await get(`/products?${query}`);
      expect({ query, status: response.statusCode }).toEqual({ query, status: 400 });
      const named = /Invalid query parameter "([a-z]+)[."]/.exec(decode(response.body))?.[1];
      expect({ query, named }).toEqual({ query, named: parameter });
    }
  });

  it('puts breadcrumbs on every catalog page, the current page marked', async () => {
    const trail = (body: string) => {
      const nav = /<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>([\s\S]*?)<\/ol><\/nav>/.exec(body)?.[1] ?? '';
      return [...nav.matchAll(/<li>(?:<a href="([^"]*)">|<span aria-current="page">)([^<]*)/g)].map((match) => (match[1] === undefined ? `[${decode(match[2] ?? '')}]` : `${decode(match[2] ?? '')} ${decode(match[1])}`));
    };
    expect(trail((await get('/products')).body)).toEqual(['Home /', '[Catalog]']);
    expect(trail((await get('/products?category=monitors')).body)).toEqual(['Home /', 'Catalog /products', '[Monitors]']);
    expect(trail((await get('/search?q=laptop')).body)).toEqual(['Home /', 'Search /search', '[“laptop”]']);
    expect(trail((await get('/search')).body)).toEqual(['Home /', '[Search]']);
    expect(trail((await get('/categories/laptops')).body)).toEqual(['Home /', 'Catalog /products', '[Laptops]']);
    expect(trail((await get('/vendors/acme')).body)).toEqual(['Home /', 'Vendors /vendors', '[Acme]']);
    expect(trail((await get('/products/acme-featherbook-14')).body)).toEqual(['Home /', 'Laptops /categories/laptops', 'Acme /categories/laptops?vendor=acme', '[Acme Featherbook 14]']);
  });
});
