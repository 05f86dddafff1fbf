import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCatalogFixture } from '../../support/catalog-fixtures.js';
import { insertProduct } from '../../support/fixtures.js';

const imageUrl = /<img class="card-image" src="(\/images\/products\/acme-featherbook-14\/[0-9a-f]{12}\.svg)" width="480" height="360" alt="" loading="lazy" decoding="async">/;

describe('product illustrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertCatalogFixture(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  async function cardImageUrl(): Promise<string> {
    const match = imageUrl.exec((await get('/products')).body);
    expect(match, 'the catalog shows the Featherbook with its illustration').not.toBeNull();
    return match?.[1] ?? '';
  }

  it('serves each card’s illustration as SVG, cached for a year, the same bytes every time', async () => {
    const url = await cardImageUrl();
    const first = await get(url);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; sandbox");
    expect(first.body).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 480 360"/);
    expect(first.body).toContain('>Acme</text>');
    expect(first.body).toContain('>Acme Featherbook 14</text>');
    expect((await get(url)).body).toBe(first.body);
  });

  it('sends an old version on to the current one and answers 404 for what is not an image', async () => {
    const url = await cardImageUrl();
    const stale = await get('/images/products/acme-featherbook-14/000000000000.svg');
    expect(stale.statusCode).toBe(301);
    expect(stale.headers.location).toBe(url);
    expect(stale.headers['cache-control']).toBe('public, max-age=60');
    for (const missing of ['/images/products/no-such-product/000000000000.svg', '/images/products/acme-featherbook-14/latest.svg', '/images/products/Bad%20Slug/000000000000.svg']) {
      const response = await get(missing);
      expect(response.statusCode, missing).toBe(404);
      expect(response.headers['cache-control'] ?? '', missing).not.toContain('immutable');
    }
  });

  it('changes the address when the product is renamed', async () => {
    const product = await insertProduct(t.db, { slug: 'renamed-thing', name: 'Old Name' });
    const before = /src="(\/images\/products\/renamed-thing\/[0-9a-f]{12}\.svg)"/.exec((await get('/products?sort=newest')).body)?.[1];
    await t.db.query('UPDATE products SET name = $1 WHERE id = $2', ['New Name', product.id]);
    const stale = await get(before ?? '');
    expect(stale.statusCode).toBe(301);
    expect(stale.headers.location).not.toBe(before);
    const current = await get(stale.headers.location as string);
    expect(current.body).toContain('>New Name</text>');
  });

  it('draws a withdrawn product too, for carts and orders that still show it', async () => {
    const stale = await get('/images/products/acme-hidden-prototype/000000000000.svg');
    expect(stale.statusCode).toBe(301);
    expect((await get(stale.headers.location as string)).statusCode).toBe(200);
  });

  it('escapes a hostile name inside the SVG', async () => {
    await insertProduct(t.db, { slug: 'hostile-name', name: '<script>alert(1)</script> & "x"' });
    const redirect = await get('/images/products/hostile-name/000000000000.svg');
    const svg = (await get(redirect.headers.location as string)).body;
    expect(svg).not.toContain('<script');
    // ghtml writes < and > as numeric references.
    expect(svg).toMatch(/&(?:lt|#60);script&(?:gt|#62);alert\(1\)/);
  });

  it('shows the illustration with a text alternative on the product page', async () => {
    const body = (await get('/products/acme-featherbook-14')).body;
    expect(body).toMatch(/<figure class="product-gallery">\s*<img class="product-image" src="\/images\/products\/acme-featherbook-14\/[0-9a-f]{12}\.svg" width="480" height="360" alt="Illustration of the Acme Featherbook 14" decoding="async">/);
  });
});
