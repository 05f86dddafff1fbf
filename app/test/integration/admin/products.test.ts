import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertProduct, insertVendor, type CategoryRow, type VendorRow } from '../../support/fixtures.js';

interface DbProduct {
  id: number;
  sku: string;
  slug: string;
  name: string;
  price_cents: number;
  stock: number;
  active: boolean;
  specs: Record<string, unknown>;
}

const escapedScript = '&#60;script&#62;alert(1)&#60;/script&#62;';
const injection = `<script>alert(1)</script>' OR 1=1; DROP TABLE products; --`;

describe('admin products', () => {
  let t: TestApp;
  let vendor: VendorRow;
  let category: CategoryRow;
  let client: AdminClient;
  let token: string;

  async function productRow(sku: string): Promise<DbProduct | undefined> {
    const { rows } = await t.db.query<DbProduct>('SELECT id, sku, slug, name, price_cents, stock, active, specs FROM products WHERE sku = $1', [sku]);
    return rows[0];
  }

  const validForm = (overrides: Record<string, string> = {}) => ({
    sku: 'LAP-ZEN-14',
    slug: 'zenbook-14',
    name: 'Zenbook 14',
    description: 'A light laptop.',
    vendor: vendor.slug,
    category: category.slug,
    price: '1299.99',
    stock: '7',
    active: 'on',
    specs: 'RAM: 16 GB\nWeight kg: 1.2\nTouch: true',
    ...overrides,
  });

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    vendor = await insertVendor(t.db, { slug: 'asus', name: 'ASUS' });
    category = await insertCategory(t.db, { slug: 'laptops', name: 'Laptops' });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    client = new AdminClient(t.app);
    token = await client.loginApi();
  });

  it('creates a product from the HTML form, converting dollars to cents and spec lines to JSON, and audits it', async () => {
    const response = await client.submit('/admin/products/new', validForm());
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/products?saved=product');
    const row = await productRow('LAP-ZEN-14');
    expect(row).toMatchObject({ slug: 'zenbook-14', name: 'Zenbook 14', price_cents: 129_999, stock: 7, active: true, specs: { RAM: '16 GB', 'Weight kg': 1.2, Touch: true } });
    const audit = (await auditRows(t.db, 'product.create')).find((entry) => entry.entity_id === String(row?.id));
    expect(audit?.actor).toBe('admin');
    expect(audit?.request_id).toEqual(expect.any(String));
    expect(audit?.details).toMatchObject({ changes: { sku: { before: null, after: 'LAP-ZEN-14' }, priceCents: { before: null, after: 129_999 } } });
    const list = await client.request({ method: 'GET', url: '/admin/products?q=zen&saved=product' });
    expect(list.body).toContain('Product saved.');
    expect(list.body).toContain('LAP-ZEN-14');
    expect(list.body).toContain('$1,299.99');
  });

  it('updates every field from the edit form and records before and after values', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, priceCents: 5_000, stock: 3 });
    const other = await insertVendor(t.db, { slug: 'lenovo', name: 'Lenovo' });
    const form = await client.request({ method: 'GET', url: `/admin/products/${product.id}/edit` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="50.00"');
    const response = await client.submit(
      `/admin/products/${product.id}/edit`,
      validForm({ sku: product.sku, slug: product.slug, name: 'Renamed', vendor: other.slug, price: '45.5', stock: '3', active: '', specs: 'Ports: 2' }),
      `/admin/products/${product.id}/edit`,
    );
    expect(response.statusCode).toBe(303);
    const row = await productRow(product.sku);
    expect(row).toMatchObject({ name: 'Renamed', price_cents: 4_550, active: false, specs: { Ports: 2 } });
    const audit = (await auditRows(t.db, 'product.update')).filter((entry) => entry.entity_id === String(product.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({
      changes: { name: { before: product.name, after: 'Renamed' }, priceCents: { before: 5_000, after: 4_550 }, active: { before: true, after: false }, vendor: { after: 'lenovo' } },
    });
    expect(audit[0]?.details.changes).not.toHaveProperty('stock');
  });

  it('re-renders the form with field errors, the typed values escaped, and stores nothing', async () => {
    const before = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    const response = await client.submit('/admin/products/new', validForm({ sku: 'bad sku', price: '12.345', stock: '-1', name: injection, specs: 'no colon here' }));
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/id="sku"[^>]*aria-describedby="sku-hint sku-error" aria-invalid="true"/);
    expect(response.body).toContain('enter dollars with at most two decimals');
    expect(response.body).toContain('stock cannot go below zero');
    expect(response.body).toContain('line 1: write');
    expect(response.body).toContain('value="12.345"');
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(response.body).toContain(escapedScript);
    const after = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM products');
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
  });

  it('escapes an injected product name in the product list', async () => {
    await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, name: injection });
    const list = await client.request({ method: 'GET', url: `/admin/products?q=${encodeURIComponent('<script>')}` });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('<script>alert(1)</script>');
    expect(list.body).toContain(escapedScript);
    expect((await t.db.query('SELECT 1 FROM products LIMIT 1')).rows).toHaveLength(1);
  });

  it('answers a duplicate SKU from the form with 409 naming the field', async () => {
    const existing = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id });
    const response = await client.submit('/admin/products/new', validForm({ sku: existing.sku, slug: 'fresh-slug' }));
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('id="sku-error"');
    expect(response.body).toContain('already used by another product');
    expect((await t.db.query('SELECT 1 FROM products WHERE slug = $1', ['fresh-slug'])).rows).toHaveLength(0);
  });

  it('sets and adjusts stock from the list, audits each change, and refuses to go below zero', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 4 });
    const set = await client.submit(`/admin/products/${product.id}/stock`, { stock: '10' }, '/admin/products');
    expect(set.statusCode).toBe(303);
    expect((await productRow(product.sku))?.stock).toBe(10);
    expect((await client.submit(`/admin/products/${product.id}/stock`, { stock: '-3' }, '/admin/products')).statusCode).toBe(303);
    expect((await productRow(product.sku))?.stock).toBe(7);
    const negative = await client.submit(`/admin/products/${product.id}/stock`, { stock: '-8' }, '/admin/products');
    expect(negative.statusCode).toBe(400);
    expect(negative.body).toContain('stock cannot go below zero');
    expect((await productRow(product.sku))?.stock).toBe(7);
    const audit = (await auditRows(t.db, 'product.stock')).filter((entry) => entry.entity_id === String(product.id));
    expect(audit.map((entry) => entry.details.changes)).toEqual([{ stock: { before: 4, after: 10 } }, { stock: { before: 10, after: 7 } }]);
  });

  it('refuses a form post without or with a wrong CSRF token with 403 and changes nothing', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 4 });
    const missing = await client.postForm(`/admin/products/${product.id}/stock`, { stock: '99' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('CSRF token');
    const wrong = await client.postForm(`/admin/products/${product.id}/stock`, { stock: '99', _csrf: 'forged-token' });
    expect(wrong.statusCode).toBe(403);
    expect((await productRow(product.sku))?.stock).toBe(4);
    expect((await auditRows(t.db, 'product.stock')).filter((entry) => entry.entity_id === String(product.id))).toHaveLength(0);
  });

  it('creates, reads and patches products through the API with audit rows', async () => {
    const created = await client.request({
      method: 'POST',
      url: '/api/v1/admin/products',
      headers: { 'x-csrf-token': token },
      payload: { sku: 'GPU-RTX-5070', slug: 'rtx-5070', name: 'RTX 5070', vendor: vendor.slug, category: category.slug, priceCents: 59_900, stock: 2, specs: { VRAM: '12 GB' } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ sku: 'GPU-RTX-5070', priceCents: 59_900, stock: 2, active: true, lowStock: true, vendor: 'asus', specs: { VRAM: '12 GB' } });
    const patched = await client.request({
      method: 'PATCH',
      url: '/api/v1/admin/products/GPU-RTX-5070',
      headers: { 'x-csrf-token': token },
      payload: { priceCents: 54_900, stock: 20, active: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ priceCents: 54_900, stock: 20, active: false, lowStock: false });
    expect(await productRow('GPU-RTX-5070')).toMatchObject({ price_cents: 54_900, stock: 20, active: false });
    const fetched = await client.request({ method: 'GET', url: '/api/v1/admin/products/GPU-RTX-5070' });
    expect(fetched.json()).toMatchObject({ priceCents: 54_900 });
    const row = await productRow('GPU-RTX-5070');
    const audit = (await auditRows(t.db, 'product.update')).filter((entry) => entry.entity_id === String(row?.id));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ changes: { priceCents: { before: 59_900, after: 54_900 }, stock: { before: 2, after: 20 }, active: { before: true, after: false } } });
    const list = await client.request({ method: 'GET', url: '/api/v1/admin/products?q=rtx-5070&pageSize=5' });
    expect(list.json()).toMatchObject({ total: 1, page: 1, pageSize: 5, items: [{ sku: 'GPU-RTX-5070' }] });
  });

  it('refuses API writes without or with a wrong CSRF header with 403 and changes nothing', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, priceCents: 1_000 });
    const missing = await client.request({ method: 'PATCH', url: `/api/v1/admin/products/${product.sku}`, payload: { priceCents: 1 } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: { code: 'csrf_failed' } });
    const wrong = await client.request({ method: 'PATCH', url: `/api/v1/admin/products/${product.sku}`, headers: { 'x-csrf-token': 'nope' }, payload: { priceCents: 1 } });
    expect(wrong.statusCode).toBe(403);
    expect((await productRow(product.sku))?.price_cents).toBe(1_000);
  });

  it('answers 401 to API calls without a session, before any CSRF check', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/admin/products', payload: {} });
    expect(response.statusCode).toBe(401);
  });

  it('rejects invalid API bodies with 400 field errors and stores nothing', async () => {
    const send = (payload: unknown) =>
      client.request({ method: 'POST', url: '/api/v1/admin/products', headers: { 'x-csrf-token': token }, payload: payload as Record<string, unknown> });
    const base = { sku: 'SSD-990-2TB', slug: 'ssd-990', name: 'SSD', vendor: vendor.slug, category: category.slug, priceCents: 10_000 };
    for (const payload of [
      { ...base, sku: 'lower-case' },
      { ...base, priceCents: 12.5 },
      { ...base, priceCents: '100' },
      { ...base, stock: -1 },
      { ...base, isAdmin: true },
      { ...base, sku: injection },
      { ...base, specs: { 'a:b': 'x' } },
    ]) {
      const response = await send(payload);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'validation_failed' } });
    }
    const unknownVendor = await send({ ...base, vendor: 'no-such-vendor' });
    expect(unknownVendor.statusCode).toBe(400);
    expect(unknownVendor.json()).toMatchObject({ error: { fields: [{ path: 'vendor' }] } });
    const malformed = await client.request({ method: 'POST', url: '/api/v1/admin/products', headers: { 'x-csrf-token': token, 'content-type': 'application/json' }, payload: '{"sku":' });
    expect(malformed.statusCode).toBe(400);
    expect(await productRow('SSD-990-2TB')).toBeUndefined();
  });

  it('answers a duplicate SKU or slug through the API with 409 naming the field', async () => {
    const existing = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id });
    const duplicate = await client.request({
      method: 'POST',
      url: '/api/v1/admin/products',
      headers: { 'x-csrf-token': token },
      payload: { sku: existing.sku, slug: 'another-slug', name: 'Dup', vendor: vendor.slug, category: category.slug, priceCents: 1 },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { code: 'duplicate', fields: [{ path: 'sku' }] } });
    const other = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id });
    const slugClash = await client.request({ method: 'PATCH', url: `/api/v1/admin/products/${other.sku}`, headers: { 'x-csrf-token': token }, payload: { slug: existing.slug } });
    expect(slugClash.statusCode).toBe(409);
    expect(slugClash.json()).toMatchObject({ error: { fields: [{ path: 'slug' }] } });
  });

  it('answers 404 for an unknown product on the API and the edit page', async () => {
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/products/NO-SUCH-SKU' })).statusCode).toBe(404);
    expect((await client.request({ method: 'PATCH', url: '/api/v1/admin/products/NO-SUCH-SKU', headers: { 'x-csrf-token': token }, payload: { stock: 1 } })).statusCode).toBe(404);
    expect((await client.request({ method: 'GET', url: '/admin/products/999999/edit' })).statusCode).toBe(404);
    expect((await client.request({ method: 'GET', url: '/admin/products/abc/edit' })).statusCode).toBe(404);
  });

  it("answers a missing admin page inside the admin's own document, not the shop's", async () => {
    for (const url of ['/admin/products/999999/edit', '/admin/no-such-page']) {
      const page = await client.request({ method: 'GET', url });
      expect(page.statusCode, url).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('<h1 id="error-title">Page not found</h1>');
      expect(page.body).toContain('<a class="brand" href="/admin">Bitshop admin</a>');
      expect(page.body).toContain('<a href="/admin">Back to the dashboard</a>');
      // None of the shop's header: no catalog search, no cart.
      expect(page.body).not.toContain('name="q"');
      expect(page.body).not.toContain('href="/cart"');
    }
    expect((await client.request({ method: 'GET', url: '/admin/products/999999/edit' })).body).toContain('There is no product at this address in the admin.');
    // Outside /admin the shop's own not-found page, with its search, stays.
    const shop = await t.app.inject({ method: 'GET', url: '/administrator' });
    expect(shop.statusCode).toBe(404);
    expect(shop.body).toContain('name="q"');
  });

  it('pages the product list and finds products by part of the SKU', async () => {
    for (let i = 0; i < 27; i += 1) await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, sku: `PAGE-${String(i).padStart(3, '0')}`, name: `Paged item ${i}` });
    const first = await client.request({ method: 'GET', url: '/admin/products?q=page-' });
    expect(first.body).toContain('27 products matching');
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('href="/admin/products?q&#61;page-&#38;page&#61;2" rel="next"');
    const second = await client.request({ method: 'GET', url: '/admin/products?q=page-&page=2' });
    expect(second.body).toContain('Page 2 of 2');
    expect(second.body.match(/PAGE-\d{3}/g)?.length).toBe(2);
  });
});
