import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedCacheControl } from '../../../src/routes/cacheable.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertProduct, insertVendor, type ProductRow } from '../../support/fixtures.js';

describe.each([
  ['from the in-memory catalog', 'true'],
  ['from the database', 'false'],
])('HTTP caching of catalog reads %s', (_label, snapshot) => {
  let t: TestApp;
  let product: ProductRow;
  beforeAll(async () => {
    t = await createTestApp({ CATALOG_SNAPSHOT: snapshot });
    const vendor = await insertVendor(t.db, { slug: 'etag-vendor' });
    const category = await insertCategory(t.db, { slug: 'etag-category' });
    product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, priceCents: 10_000 });
    // The snapshot follows the inserts asynchronously; the checks below need it settled.
    const sync = t.app.catalogSync;
    if (sync) while (!sync.settled || sync.current?.product(product.slug) === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterAll(async () => {
    await t.close();
  });

  const pages = () => ['/', '/products', '/search?q=product', `/products/${product.slug}`, '/vendors/etag-vendor', '/categories/etag-category', '/api/v1/products', `/api/v1/products/${product.slug}`, '/api/v1/vendors', '/api/v1/categories/etag-category'];

  it('sends a validator and a brief shared-cache lifetime to anonymous visitors, and answers 304 when it matches', async () => {
    for (const url of pages()) {
      const first = await t.app.inject({ url });
      expect({ url, status: first.statusCode }).toEqual({ url, status: 200 });
      const etag = first.headers.etag;
      expect(etag, url).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
      expect(first.headers['cache-control'], url).toBe(sharedCacheControl);
      expect(first.headers.vary, url).toContain('Cookie');

      const again = await t.app.inject({ url, headers: { 'if-none-match': `"other", W/${String(etag)}` } });
      expect({ url, status: again.statusCode, body: again.body }).toEqual({ url, status: 304, body: '' });
      expect(again.headers.etag, url).toBe(etag);
      expect(again.headers['cache-control'], url).toBe(sharedCacheControl);

      const stale = await t.app.inject({ url, headers: { 'if-none-match': '"not-this-one"' } });
      expect({ url, status: stale.statusCode }).toEqual({ url, status: 200 });
      expect(stale.body).toBe(first.body);
    }
  });

  it('keeps anything carrying a cart or an admin session out of shared caches', async () => {
    for (const cookie of ['cart=someone', 'admin_session=someone']) {
      for (const url of pages()) {
        const response = await t.app.inject({ url, headers: { cookie } });
        expect({ url, cookie, status: response.statusCode }).toEqual({ url, cookie, status: 200 });
        expect(response.headers['cache-control'], url).toBe('private, no-store');
        expect(response.headers.etag, url).toBeUndefined();
      }
    }
    for (const url of ['/cart', '/checkout']) expect((await t.app.inject({ url })).headers['cache-control'] ?? '').not.toContain('public');
  });

  it('changes the validator when the price changes, so a stale copy is never confirmed', async () => {
    const url = `/products/${product.slug}`;
    const before = await t.app.inject({ url });
    await t.db.query('UPDATE products SET price_cents = 10100 WHERE id = $1', [product.id]);
    const started = performance.now();
    let after = await t.app.inject({ url, headers: { 'if-none-match': String(before.headers.etag) } });
    while (after.statusCode === 304 && performance.now() - started < 1_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      after = await t.app.inject({ url, headers: { 'if-none-match': String(before.headers.etag) } });
    }
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('$101');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });
});
