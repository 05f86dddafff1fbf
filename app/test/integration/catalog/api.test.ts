import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCatalogFixture, type CatalogFixture } from '../../support/catalog-fixtures.js';

interface ProductItem {
  slug: string;
  name: string;
  priceCents: number;
  stock: number;
  inStock: boolean;
  vendor: { slug: string; name: string };
  category: { slug: string; name: string };
  url: string;
}
interface ProductPageBody {
  items: ProductItem[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

describe('catalog API', () => {
  let t: TestApp;
  let fixture: CatalogFixture;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://shop.example.com' });
    fixture = await insertCatalogFixture(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function list(query: string): Promise<ProductPageBody> {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/products${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ProductPageBody>();
  }
  const slugs = (body: ProductPageBody): string[] => body.items.map((item) => item.slug);

  it('lists only active products, newest first by default, with paging totals', async () => {
    const body = await list('');
    expect(slugs(body)).toEqual(['acme-view-24', 'zeta-vision-27', 'zeta-ultrabook-13', 'acme-powerbook-16', 'acme-featherbook-14']);
    expect(body).toMatchObject({ page: 1, pageSize: 24, total: 5, totalPages: 1 });
  });

  it('describes each product with vendor, category, stock state and absolute URL', async () => {
    const body = await list('?vendor=acme&sort=name');
    const powerbook = body.items.find((item) => item.slug === 'acme-powerbook-16');
    expect(powerbook).toMatchObject({
      sku: 'ACM-PB16',
      name: 'Acme Powerbook 16',
      priceCents: 199_900,
      stock: 0,
      inStock: false,
      specs: { cpu: 'Intel Core i9-14900HX', ram_gb: 64 },
      vendor: { slug: 'acme', name: 'Acme' },
      category: { slug: 'laptops', name: 'Laptops' },
      url: 'https://shop.example.com/products/acme-powerbook-16',
    });
  });

  it('filters by one vendor, by several vendors and by category', async () => {
    expect(slugs(await list('?vendor=zeta&sort=name'))).toEqual(['zeta-ultrabook-13', 'zeta-vision-27']);
    expect((await list('?vendor=acme&vendor=zeta')).total).toBe(5);
    expect((await list('?vendor=acme,zeta')).total).toBe(5);
    expect(slugs(await list('?category=monitors&sort=name'))).toEqual(['acme-view-24', 'zeta-vision-27']);
    expect((await list('?vendor=nobody')).total).toBe(0);
  });

  it('filters by price range in cents, both ends included', async () => {
    expect(slugs(await list('?minPriceCents=39900&maxPriceCents=129900&sort=price_asc'))).toEqual(['zeta-vision-27', 'acme-featherbook-14', 'zeta-ultrabook-13']);
    expect(slugs(await list('?minPriceCents=150000'))).toEqual(['acme-powerbook-16']);
  });

  it('filters to products in stock', async () => {
    const body = await list('?inStock=true');
    expect(slugs(body)).not.toContain('acme-powerbook-16');
    expect(body.total).toBe(4);
    expect((await list('?inStock=false')).total).toBe(5);
  });

  it('combines filters', async () => {
    expect(slugs(await list('?vendor=acme&category=laptops&inStock=true'))).toEqual(['acme-featherbook-14']);
    expect(slugs(await list('?category=laptops&maxPriceCents=130000&q=laptop'))).toEqual(['acme-featherbook-14']);
  });

  it('sorts by price both ways and by name, with a stable order', async () => {
    expect(slugs(await list('?sort=price_asc'))).toEqual(['acme-view-24', 'zeta-vision-27', 'acme-featherbook-14', 'zeta-ultrabook-13', 'acme-powerbook-16']);
    expect(slugs(await list('?sort=price_desc'))).toEqual(['acme-powerbook-16', 'zeta-ultrabook-13', 'acme-featherbook-14', 'zeta-vision-27', 'acme-view-24']);
    expect(slugs(await list('?sort=name'))).toEqual(['acme-featherbook-14', 'acme-powerbook-16', 'acme-view-24', 'zeta-ultrabook-13', 'zeta-vision-27']);
  });

  it('pages through results and answers an empty page past the end', async () => {
    const first = await list('?sort=price_asc&pageSize=2');
    expect(first).toMatchObject({ page: 1, pageSize: 2, total: 5, totalPages: 3 });
    const last = await list('?sort=price_asc&pageSize=2&page=3');
    expect(slugs(last)).toEqual(['acme-powerbook-16']);
    const beyond = await list('?sort=price_asc&pageSize=2&page=4');
    expect(beyond).toMatchObject({ items: [], page: 4, total: 5, totalPages: 3 });
  });

  it('ranks a name match above a description-only match', async () => {
    const body = await list('?q=featherbook');
    expect(slugs(body)).toEqual(['acme-featherbook-14', 'zeta-vision-27']);
  });

  it('matches the last word as a prefix while it is being typed', async () => {
    expect(slugs(await list('?q=ultrab'))).toEqual(['zeta-ultrabook-13']);
    expect(slugs(await list('?q=zeta%20vis'))).toEqual(['zeta-vision-27']);
  });

  it('supports web search syntax: phrases and exclusions', async () => {
    expect(slugs(await list('?q=%22vision%2027%22'))).toEqual(['zeta-vision-27']);
    expect(slugs(await list('?q=monitor%20-zeta'))).toEqual(['acme-view-24']);
  });

  it('never finds inactive products, by search or otherwise', async () => {
    expect((await list('?q=prototype')).total).toBe(0);
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/products/acme-hidden-prototype' });
    expect(response.statusCode).toBe(404);
  });

  it('answers any search text safely: injection strings, operators, unicode, stop words and very long input', async () => {
    const inputs = [
      "' OR 1=1; DROP TABLE products; --",
      'laptop & | ! ( ) :* <-> \\',
      '"unclosed phrase',
      'café 東京 😀',
      'the',
      '-',
      'x'.repeat(1900),
      'laptop '.repeat(250).slice(0, 1999),
    ];
    for (const q of inputs) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/products', query: { q } });
      expect(response.statusCode, q.slice(0, 40)).toBe(200);
    }
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    expect(rows[0]?.count).toBe(6);
  });

  it('rejects malformed and unknown parameters with field errors', async () => {
    const cases: [string, string][] = [
      ['?page=0', 'querystring.page'],
      ['?page=abc', 'querystring.page'],
      ['?pageSize=101', 'querystring.pageSize'],
      ['?minPriceCents=-5', 'querystring.minPriceCents'],
      ['?maxPriceCents=1.5', 'querystring.maxPriceCents'],
      ['?sort=evil', 'querystring.sort'],
      ['?inStock=maybe', 'querystring.inStock'],
      ["?vendor=acme'%20OR%201=1", 'querystring.vendor'],
      ['?category=%3Cscript%3E', 'querystring.category'],
      ['?q=' + 'x'.repeat(2001), 'querystring.q'],
    ];
    for (const [query, path] of cases) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/products${query}` });
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ error: { code: string; fields: { path: string }[] } }>();
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.fields.map((field) => field.path).join(' '), query).toContain(path);
    }
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/products?colour=red' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect(unknown.body).toContain('colour');
  });

  it('returns one product by slug and a 404 error for an unknown one', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/products/zeta-ultrabook-13' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: fixture.products.ultrabook.id, slug: 'zeta-ultrabook-13', inStock: true, stock: 3 });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/products/no-such-thing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('lists vendors with counts of their active products, and one vendor by slug', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/vendors' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: { slug: string; productCount: number }[] }>();
    expect(body.items.map((v) => [v.slug, v.productCount])).toEqual([
      ['acme', 3],
      ['zeta', 2],
    ]);
    const acme = await t.app.inject({ method: 'GET', url: '/api/v1/vendors/acme' });
    expect(acme.json()).toMatchObject({
      slug: 'acme',
      name: 'Acme',
      country: 'US',
      website: 'https://acme.example',
      productCount: 3,
      url: 'https://shop.example.com/vendors/acme',
      productsUrl: 'https://shop.example.com/api/v1/products?vendor=acme',
    });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/vendors/nobody' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('lists categories in position order with product counts, and one category by slug', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/categories' });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: { slug: string; productCount: number }[] }>().items.map((c) => [c.slug, c.productCount])).toEqual([
      ['laptops', 3],
      ['monitors', 2],
    ]);
    const one = await t.app.inject({ method: 'GET', url: '/api/v1/categories/monitors' });
    expect(one.json()).toMatchObject({ slug: 'monitors', productCount: 2 });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/categories/nothing' })).statusCode).toBe(404);
  });

  it('describes the catalog operations in the OpenAPI document', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ paths: Record<string, { get?: { tags?: string[]; parameters?: { name: string }[] } }>; components: { schemas: Record<string, unknown> } }>();
    for (const path of ['/api/v1/products', '/api/v1/products/{slug}', '/api/v1/vendors', '/api/v1/vendors/{slug}', '/api/v1/categories']) {
      expect(doc.paths[path]?.get?.tags, path).toEqual(['catalog']);
    }
    expect(doc.paths['/api/v1/products']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['q', 'vendor', 'category', 'minPriceCents', 'maxPriceCents', 'inStock', 'sort', 'page', 'pageSize']),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Product', 'ProductPage', 'Vendor', 'Category']));
  });
});
