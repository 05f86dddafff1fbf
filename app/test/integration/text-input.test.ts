import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, manyLogins } from '../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiAddress, apiCart, checkoutFields, orderRequest, Visitor } from '../support/checkout-fixtures.js';
import { insertCategory, insertProduct, insertVendor, type CategoryRow, type VendorRow } from '../support/fixtures.js';

// PostgreSQL text cannot hold U+0000 (and UTF-8 cannot hold an unpaired surrogate): such input
// used to reach the database and come back as a 500. Every text input now refuses it at the
// schema, with a 400 that names the field, on the API and on the HTML forms alike.

const nul = '\u0000';
const bell = '\u0007';
const loneSurrogate = '\uD800';

interface ApiError {
  error: { code: string; fields?: { path: string; message: string }[] };
}

function fieldPaths(body: string): string[] {
  return (JSON.parse(body) as ApiError).error.fields?.map((field) => field.path) ?? [];
}

/** The error shown under one field of a re-rendered form. */
function fieldError(body: string, field: string): string | undefined {
  const at = body.indexOf(`id="${field}-error"`);
  if (at < 0) return undefined;
  const start = body.indexOf('>', at) + 1;
  return body.slice(start, body.indexOf('<', start));
}

describe('text inputs refuse what PostgreSQL cannot store', () => {
  let t: TestApp;
  let vendor: VendorRow;
  let category: CategoryRow;
  let admin: AdminClient;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    vendor = await insertVendor(t.db, { slug: 'text-vendor' });
    category = await insertCategory(t.db, { slug: 'text-category' });
    admin = new AdminClient(t.app);
    token = await admin.loginApi();
  });
  afterAll(async () => {
    await t.close();
  });

  it('API checkout: NUL in the name or address is a 400 naming the field, and no order is made', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 5 });
    for (const [field, value] of [['name', `Ada${nul}`], ['address', { ...apiAddress, line1: `1 Main St${nul}` }], ['name', `Ada${bell}Lovelace`], ['name', `Ada${loneSurrogate}`]] as const) {
      const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { [field]: value }) });
      console.log(`API checkout, ${JSON.stringify(value)} in ${field}: ${response.statusCode} ${JSON.stringify(fieldPaths(response.body))}`);
      expect(response.statusCode).toBe(400);
      expect(fieldPaths(response.body)).toEqual([field === 'address' ? 'body.address.line1' : `body.${field}`]);
    }
    const orders = await t.db.query<{ count: string }>('SELECT count(*)::text AS count FROM orders');
    expect(orders.rows[0]?.count).toBe('0');
  });

  it('API checkout: each address field is one line; a line break in one is a 400 naming it, tabs and blanks are tidied', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 5 });
    const refusedCart = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const refused = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(refusedCart, { address: { ...apiAddress, line2: 'Flat 2\nBack door' } }) });
    expect(refused.statusCode).toBe(400);
    expect(fieldPaths(refused.body)).toEqual(['body.address.line2']);
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId, { address: { ...apiAddress, line2: '  Flat 2   rear ' } }) });
    expect(response.statusCode).toBe(201);
    expect(response.json<{ address: { line2: string } }>().address.line2).toBe('Flat 2 rear');
  });

  it('HTML checkout: NUL in the name re-renders the form with 400 and the error under that field', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 5 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const response = await visitor.post('/checkout', checkoutFields({ name: `Ada${nul}`, addressLine1: `1 Main St${nul}` }));
    console.log(`HTML checkout, NUL in name and address: ${response.statusCode}, name error "${fieldError(response.body, 'name') ?? ''}"`);
    expect(response.statusCode).toBe(400);
    expect(fieldError(response.body, 'name')).toMatch(/NUL/);
    expect(fieldError(response.body, 'addressLine1')).toMatch(/NUL/);
  });

  it('search: NUL in q is a 400 naming q on the API, the search page and the admin product list', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/products?q=laptop%00' });
    const page = await t.app.inject({ method: 'GET', url: '/search?q=laptop%00' });
    const listing = await t.app.inject({ method: 'GET', url: '/products?q=%00' });
    const adminApi = await admin.request({ method: 'GET', url: '/api/v1/admin/products?q=%00' });
    const adminPage = await admin.request({ method: 'GET', url: '/admin/products?q=%00' });
    console.log(`search with NUL: api ${api.statusCode}, /search ${page.statusCode}, /products ${listing.statusCode}, admin api ${adminApi.statusCode}, admin page ${adminPage.statusCode}`);
    expect(api.statusCode).toBe(400);
    expect(fieldPaths(api.body)).toEqual(['querystring.q']);
    expect(adminApi.statusCode).toBe(400);
    expect(fieldPaths(adminApi.body)).toEqual(['querystring.q']);
    for (const response of [page, listing, adminPage]) {
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toMatch(/&#34;q&#34;|"q"/);
      expect(response.body).toContain('NUL');
    }
  });

  it('storefront pages: NUL in a slug path is that page\'s 404, not a database error; the API says 400 naming the slug', async () => {
    for (const url of ['/vendors/a%00b', '/categories/a%00b', '/products/a%00b']) {
      const response = await t.app.inject({ method: 'GET', url });
      console.log(`GET ${url}: ${response.statusCode}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Page not found');
    }
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/vendors/a%00b' });
    expect(api.statusCode).toBe(400);
    expect(fieldPaths(api.body)).toEqual(['params.slug']);
  });

  it('cart voucher: NUL in the code is a 400 on the API and on the cart page', async () => {
    const product = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, stock: 5 });
    const cartId = await apiCart(t.app, [{ sku: product.sku, quantity: 1 }]);
    const api = await t.app.inject({ method: 'PUT', url: `/api/v1/carts/${cartId}/voucher`, payload: { code: `SAVE${nul}` } });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '1' });
    const page = await visitor.post('/cart/voucher', { code: `SAVE${nul}` });
    console.log(`voucher code with NUL: api ${api.statusCode} ${JSON.stringify(fieldPaths(api.body))}, cart page ${page.statusCode}`);
    expect(api.statusCode).toBe(400);
    expect(fieldPaths(api.body)).toEqual(['body.code']);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('NUL');
  });

  it('admin API: NUL in product, vendor, category and voucher bodies is a 400 naming the field', async () => {
    const post = (url: string, payload: Record<string, unknown>) => admin.request({ method: 'POST', url, headers: { 'x-csrf-token': token }, payload });
    const cases = [
      ['/api/v1/admin/products', { sku: 'NUL-1', slug: 'nul-1', name: `Laptop${nul}`, vendor: vendor.slug, category: category.slug, priceCents: 100 }, 'body.name'],
      ['/api/v1/admin/products', { sku: 'NUL-2', slug: 'nul-2', name: 'Laptop', description: `x${nul}`, vendor: vendor.slug, category: category.slug, priceCents: 100 }, 'body.description'],
      ['/api/v1/admin/products', { sku: 'NUL-3', slug: 'nul-3', name: 'Laptop', vendor: vendor.slug, category: category.slug, priceCents: 100, specs: { RAM: `16${nul}` } }, 'body.specs.RAM'],
      ['/api/v1/admin/products', { sku: 'NUL-4', slug: 'nul-4', name: 'Laptop', vendor: vendor.slug, category: category.slug, priceCents: 100, specs: { [`R${nul}AM`]: '16' } }, 'body.specs'],
      ['/api/v1/admin/vendors', { slug: 'nul-vendor', name: `Vendor${nul}` }, 'body.name'],
      ['/api/v1/admin/categories', { slug: 'nul-category', name: 'Category', description: `About${nul}` }, 'body.description'],
      ['/api/v1/admin/vouchers', { code: 'NULCODE', kind: 'percent', amount: 10, description: `Ten${nul}` }, 'body.description'],
    ] as const;
    for (const [url, payload, field] of cases) {
      const response = await post(url, payload);
      console.log(`admin API ${url}, NUL in ${field}: ${response.statusCode} ${JSON.stringify(fieldPaths(response.body))}`);
      expect(response.statusCode).toBe(400);
      expect(fieldPaths(response.body).some((path) => path.startsWith(field))).toBe(true);
    }
  });

  it('admin forms: NUL re-renders the product, vendor and voucher forms with 400 and the error under the field', async () => {
    const product = await admin.submit('/admin/products/new', {
      sku: 'NUL-FORM',
      slug: 'nul-form',
      name: `Laptop${nul}`,
      description: '',
      vendor: vendor.slug,
      category: category.slug,
      price: '10',
      stock: '1',
      active: 'on',
      specs: `RAM: 16${nul} GB`,
    });
    const vendorForm = await admin.submit('/admin/vendors/new', { slug: 'nul-form-vendor', name: 'Vendor', description: `About${nul}`, website: '', country: '' });
    const voucherForm = await admin.submit('/admin/vouchers/new', {
      code: 'NULFORM',
      description: `Ten${nul}`,
      kind: 'percent',
      amount: '10',
      minTotal: '',
      startsAt: '',
      endsAt: '',
      maxRedemptions: '',
      active: 'on',
    });
    console.log(`admin forms with NUL: product ${product.statusCode}, vendor ${vendorForm.statusCode}, voucher ${voucherForm.statusCode}`);
    expect(product.statusCode).toBe(400);
    expect(fieldError(product.body, 'name')).toMatch(/NUL/);
    expect(fieldError(product.body, 'specs')).toMatch(/NUL/);
    expect(vendorForm.statusCode).toBe(400);
    expect(fieldError(vendorForm.body, 'description')).toMatch(/NUL/);
    expect(voucherForm.statusCode).toBe(400);
    expect(fieldError(voucherForm.body, 'description')).toMatch(/NUL/);
    const stored = await t.db.query<{ count: string }>("SELECT count(*)::text AS count FROM products WHERE sku LIKE 'NUL-%'");
    expect(stored.rows[0]?.count).toBe('0');
  });
});
