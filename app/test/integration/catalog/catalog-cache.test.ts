import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertProduct, insertVendor, type ProductRow } from '../../support/fixtures.js';

describe('catalog cache on the storefront', () => {
  let t: TestApp;
  let product: ProductRow;
  beforeAll(async () => {
    t = await createTestApp({ CATALOG_CACHE_TTL_MS: '60000', ...manyLogins });
    const vendor = await insertVendor(t.db, { name: 'Cached Vendor' });
    const category = await insertCategory(t.db);
    product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id });
  });
  afterAll(async () => {
    await t.close();
  });

  const vendorsPage = async () => (await t.app.inject({ method: 'GET', url: '/vendors' })).body;

  it('reuses the vendor list between requests', async () => {
    expect(await vendorsPage()).toContain('Cached Vendor');
    // Written behind the app's back: the cached list does not see it yet.
    await insertVendor(t.db, { name: 'Unseen Vendor' });
    expect(await vendorsPage()).not.toContain('Unseen Vendor');
  });

  it('keeps it through admin writes that leave the catalog alone: logging in and out, a voucher', async () => {
    const browser = new AdminClient(t.app);
    expect((await browser.loginHtml()).statusCode).toBe(303);
    expect(await vendorsPage()).not.toContain('Unseen Vendor');

    const script = new AdminClient(t.app);
    const csrfToken = await script.loginApi();
    expect(await vendorsPage()).not.toContain('Unseen Vendor');

    const voucher = await script.request({
      method: 'POST',
      url: '/api/v1/admin/vouchers',
      headers: { 'x-csrf-token': csrfToken },
      payload: { code: 'CACHEKEPT', kind: 'percent', amount: 10 },
    });
    expect(voucher.statusCode).toBe(201);
    expect(await vendorsPage()).not.toContain('Unseen Vendor');

    expect((await browser.submit('/admin/logout', {}, '/admin')).statusCode).toBe(303);
    expect((await script.request({ method: 'DELETE', url: '/api/v1/admin/session', headers: { 'x-csrf-token': csrfToken } })).statusCode).toBe(204);
    expect(await vendorsPage()).not.toContain('Unseen Vendor');
  });

  it('is cleared by a product change through the API and through the admin form', async () => {
    const script = new AdminClient(t.app);
    const csrfToken = await script.loginApi();
    const patched = await script.request({ method: 'PATCH', url: `/api/v1/admin/products/${product.sku}`, headers: { 'x-csrf-token': csrfToken }, payload: { stock: 7 } });
    expect(patched.statusCode).toBe(200);
    expect(await vendorsPage()).toContain('Unseen Vendor');

    await insertVendor(t.db, { name: 'Second Unseen Vendor' });
    expect(await vendorsPage()).not.toContain('Second Unseen Vendor');
    const browser = new AdminClient(t.app);
    await browser.loginHtml();
    const stock = await browser.submit(`/admin/products/${product.id}/stock`, { stock: '+1' }, '/admin/products');
    expect(stock.statusCode).toBe(303);
    expect(await vendorsPage()).toContain('Second Unseen Vendor');
  });

  it('is kept when a catalog write is refused, and cleared by a vendor the admin creates', async () => {
    await insertVendor(t.db, { name: 'Third Unseen Vendor' });
    expect(await vendorsPage()).not.toContain('Third Unseen Vendor');
    const script = new AdminClient(t.app);
    const csrfToken = await script.loginApi();
    const refused = await script.request({ method: 'PATCH', url: `/api/v1/admin/products/${product.sku}`, headers: { 'x-csrf-token': csrfToken }, payload: { stock: -1 } });
    expect(refused.statusCode).toBe(400);
    expect(await vendorsPage()).not.toContain('Third Unseen Vendor');

    const created = await script.request({ method: 'POST', url: '/api/v1/admin/vendors', headers: { 'x-csrf-token': csrfToken }, payload: { slug: 'admin-made', name: 'Admin Made Vendor' } });
    expect(created.statusCode).toBe(201);
    const page = await vendorsPage();
    expect(page).toContain('Admin Made Vendor');
    expect(page).toContain('Third Unseen Vendor');
  });
});
