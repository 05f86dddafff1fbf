import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testAdminPassword } from '../../support/config.js';
import { insertCategory, insertProduct, insertVendor } from '../../support/fixtures.js';

describe('catalog cache on the storefront', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CATALOG_CACHE_TTL_MS: '60000' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('reuses the vendor list between requests, and an admin change shows at once', async () => {
    const vendor = await insertVendor(t.db, { name: 'Cached Vendor' });
    const category = await insertCategory(t.db);
    await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id });
    expect((await t.app.inject({ method: 'GET', url: '/vendors' })).body).toContain('Cached Vendor');

    // Written behind the app's back: the cached list does not see it yet.
    await insertVendor(t.db, { name: 'Direct Insert Vendor' });
    expect((await t.app.inject({ method: 'GET', url: '/vendors' })).body).not.toContain('Direct Insert Vendor');

    // Any admin write clears the cache, so the next page is current.
    const login = await t.app.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword } });
    expect(login.statusCode).toBe(200);
    const cookies = login.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
    const { csrfToken } = login.json<{ csrfToken: string }>();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/vendors',
      headers: { cookie: cookies, 'x-csrf-token': csrfToken },
      payload: { slug: 'admin-made', name: 'Admin Made Vendor' },
    });
    expect(created.statusCode).toBe(201);
    const page = (await t.app.inject({ method: 'GET', url: '/vendors' })).body;
    expect(page).toContain('Admin Made Vendor');
    expect(page).toContain('Direct Insert Vendor');
  });
});
