import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';

describe('admin shipping methods', () => {
  let t: TestApp;
  let client: AdminClient;
  let expressId: number;
  let standardId: number;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    client = new AdminClient(t.app);
    await client.loginHtml();
    const { rows } = await t.db.query<{ id: number; code: string }>('SELECT id, code FROM shipping_methods');
    expressId = rows.find((row) => row.code === 'express')?.id ?? 0;
    standardId = rows.find((row) => row.code === 'standard')?.id ?? 0;
  });
  afterAll(async () => {
    await t.close();
  });

  const methodRow = async (id: number) =>
    (await t.db.query('SELECT name, price_cents, free_above_cents, delivery_estimate, active FROM shipping_methods WHERE id = $1', [id])).rows[0];

  it('is behind the admin login', async () => {
    const anonymous = await t.app.inject({ url: '/admin/shipping' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/admin/login?next=%2Fadmin%2Fshipping');
    const post = await t.app.inject({ method: 'POST', url: `/admin/shipping/${expressId}/edit`, payload: 'name=Free', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.statusCode).toBe(303);
    expect(await methodRow(expressId)).toMatchObject({ name: 'Express' });
  });

  it('lists every method with its price, threshold and state', async () => {
    const page = await client.request({ method: 'GET', url: '/admin/shipping' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<a href="/admin/shipping" aria-current="page">Shipping</a>');
    expect(page.body).toContain(`<a href="/admin/shipping/${standardId}/edit">Standard</a>`);
    expect(page.body).toContain('$150.00');
    expect(page.body).toContain('$14.90');
  });

  it('refuses bad input per field, keeps what was typed and changes nothing', async () => {
    const before = await methodRow(expressId);
    const response = await client.submit(`/admin/shipping/${expressId}/edit`, { name: '', price: '12,50', freeAbove: '-3', deliveryEstimate: 'next day', active: 'on' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('3 fields need attention. Nothing was saved.');
    expect(response.body).toContain('<p class="field-error" id="name-error">required</p>');
    expect(response.body).toContain('<p class="field-error" id="price-error">enter dollars with at most two decimals, e.g. 19.99</p>');
    expect(response.body).toContain('<p class="field-error" id="freeAbove-error">');
    expect(response.body).toMatch(/id="price" name="price" type="text" value="12,50"/);
    expect(response.body).toMatch(/id="freeAbove" name="freeAbove" type="text" value="-3"/);
    expect(response.body).toMatch(/id="deliveryEstimate" name="deliveryEstimate" type="text" value="next day"/);
    expect(await methodRow(expressId)).toEqual(before);
  });

  it('refuses a request without the CSRF token', async () => {
    const response = await client.postForm(`/admin/shipping/${expressId}/edit`, { name: 'Overnight', price: '1.00', freeAbove: '', deliveryEstimate: 'x', active: 'on' });
    expect(response.statusCode).toBe(403);
    expect(await methodRow(expressId)).toMatchObject({ name: 'Express' });
  });

  it('saves a valid edit, writes the audit log, and checkout offers the new price', async () => {
    const response = await client.submit(`/admin/shipping/${expressId}/edit`, {
      name: 'Express',
      price: '19.90',
      freeAbove: '500',
      deliveryEstimate: 'delivered the next business day',
      active: 'on',
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/shipping?saved=shipping');
    expect(await methodRow(expressId)).toEqual({ name: 'Express', price_cents: 1990, free_above_cents: 50_000, delivery_estimate: 'delivered the next business day', active: true });
    const audit = await auditRows(t.db, 'shipping_method.update');
    expect(audit.at(-1)).toMatchObject({
      entity_id: String(expressId),
      details: { code: 'express', changes: { priceCents: { before: 1490, after: 1990 }, freeAboveCents: { before: null, after: 50_000 } } },
    });
    const listed = await t.app.inject({ url: '/api/v1/shipping-methods' });
    expect(listed.json<{ items: { code: string; priceCents: number }[] }>().items.find((item) => item.code === 'express')?.priceCents).toBe(1990);
  });

  it('will not switch off the last active method', async () => {
    expect((await client.submit(`/admin/shipping/${expressId}/edit`, { name: 'Express', price: '19.90', freeAbove: '', deliveryEstimate: 'soon', active: '' })).statusCode).toBe(303);
    const refused = await client.submit(`/admin/shipping/${standardId}/edit`, { name: 'Standard', price: '6.90', freeAbove: '150.00', deliveryEstimate: 'in a few days', active: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('this is the only active method: activate another one first, or checkout would offer none');
    expect(await methodRow(standardId)).toMatchObject({ active: true });
  });

  it('answers an unknown method with the 404 page', async () => {
    for (const url of ['/admin/shipping/999999/edit', '/admin/shipping/abc/edit']) {
      expect((await client.request({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
