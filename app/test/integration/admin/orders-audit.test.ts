import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, insertOrder, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

describe('admin orders, audit log and dashboard', () => {
  let t: TestApp;
  let client: AdminClient;
  let token: string;
  let orderId: string;
  let orderNumber: number;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    const laptop = await insertProduct(t.db, { name: 'Laptop <b>Pro</b>', priceCents: 150_000, stock: 2 });
    const mouse = await insertProduct(t.db, { name: 'Mouse', priceCents: 2_500, stock: 50 });
    await insertVoucher(t.db, { code: 'ACTIVE5', active: true });
    const order = await insertOrder(t.db, { email: 'ada@example.com', items: [{ product: laptop, quantity: 1 }, { product: mouse, quantity: 3 }] });
    orderId = order.id;
    orderNumber = order.number;
    await insertOrder(t.db, { email: 'old@example.com', items: [{ product: mouse, quantity: 1 }], createdAt: new Date('2025-01-01T12:00:00Z'), status: 'shipped' });
    client = new AdminClient(t.app);
    token = await client.loginApi();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists orders with number, customer email, total, status and item count', async () => {
    const page = await client.request({ method: 'GET', url: '/admin/orders' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`>${orderNumber}</a>`);
    expect(page.body).toContain('ada@example.com');
    expect(page.body).toContain('$1,575.00');
    expect(page.body).toContain('old@example.com');
    expect(page.body).toContain('shipped');
    const api = await client.request({ method: 'GET', url: '/api/v1/admin/orders?page=1&pageSize=1' });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ total: 2, page: 1, pageSize: 1, items: [{ id: orderId, number: orderNumber, email: 'ada@example.com', totalCents: 157_500, itemCount: 4, status: 'placed' }] });
  });

  it('shows one order with its items, escaping stored names', async () => {
    const page = await client.request({ method: 'GET', url: `/admin/orders/${orderId}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Order ${orderNumber}`);
    expect(page.body).toContain('Laptop &#60;b&#62;Pro&#60;/b&#62;');
    const api = await client.request({ method: 'GET', url: `/api/v1/admin/orders/${orderId}` });
    expect(api.json()).toMatchObject({ number: orderNumber, subtotalCents: 157_500, items: [{ quantity: 1 }, { name: 'Mouse', quantity: 3, unitPriceCents: 2_500 }] });
    expect((await client.request({ method: 'GET', url: '/admin/orders/not-a-uuid' })).statusCode).toBe(404);
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/orders/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/orders/1%27%20OR%201=1' })).statusCode).toBe(400);
  });

  it('rejects bad paging parameters on the API with 400', async () => {
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/orders?pageSize=1000' })).statusCode).toBe(400);
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/audit?page=0' })).statusCode).toBe(400);
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/audit?sort=id' })).statusCode).toBe(400);
  });

  it('counts products, low stock, orders today and active vouchers on the dashboard', async () => {
    const page = await client.request({ method: 'GET', url: '/admin' });
    expect(page.body).toMatch(/Products<\/a><\/dt><dd>2<\/dd>/);
    expect(page.body).toMatch(/or fewer in stock<\/dt><dd>1<\/dd>/);
    expect(page.body).toMatch(/Orders today \(UTC\)<\/a><\/dt><dd>1<\/dd>/);
    expect(page.body).toMatch(/Active vouchers<\/a><\/dt><dd>1<\/dd>/);
  });

  it('shows admin changes in the audit log page and API, newest first', async () => {
    const patched = await client.request({ method: 'PATCH', url: '/api/v1/admin/vouchers/ACTIVE5', headers: { 'x-csrf-token': token }, payload: { description: '<img src=x onerror=alert(1)>' } });
    expect(patched.statusCode).toBe(200);
    const api = await client.request({ method: 'GET', url: '/api/v1/admin/audit?pageSize=2' });
    const body = api.json<{ items: { action: string; actor: string; requestId: string; details: unknown }[]; total: number }>();
    expect(body.items[0]).toMatchObject({ action: 'voucher.update', actor: 'admin', requestId: patched.headers['x-request-id'] });
    expect(body.items[1]).toMatchObject({ action: 'admin.login' });
    const page = await client.request({ method: 'GET', url: '/admin/audit' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('voucher.update');
    expect(page.body).not.toContain('<img src=x');
  });

  it('describes the admin API in the OpenAPI document under the admin tag', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const doc = response.json<{ paths: Record<string, Record<string, { tags?: string[]; security?: unknown[] }>> }>();
    expect(doc.paths['/api/v1/admin/session']?.post?.tags).toEqual(['admin']);
    expect(doc.paths['/api/v1/admin/products/{sku}']?.patch?.security).toEqual([{ adminSession: [] }]);
    expect(Object.keys(doc.paths).filter((path) => path.startsWith('/admin'))).toEqual([]);
  });
});
