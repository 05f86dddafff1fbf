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
    const response = await client.submit(`/admin/shipping/${expressId}/edit`, { name: '', price: '12,50', freeAbove: '-3', deliveryEstimate: 'next day', position: '2', active: 'on' });
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
      position: '2',
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
    expect((await client.submit(`/admin/shipping/${expressId}/edit`, { name: 'Express', price: '19.90', freeAbove: '', deliveryEstimate: 'soon', position: '2', active: '' })).statusCode).toBe(303);
    const refused = await client.submit(`/admin/shipping/${standardId}/edit`, { name: 'Standard', price: '6.90', freeAbove: '150.00', deliveryEstimate: 'in a few days', position: '1', active: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('this is the only active method: activate another one first, or checkout would offer none');
    expect(await methodRow(standardId)).toMatchObject({ active: true });
  });

  it('adds a method with its code and position: checkout offers it in that order, and the audit log records it', async () => {
    const form = await client.request({ method: 'GET', url: '/admin/shipping/new' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>New shipping method</h1>');
    // Listed after the methods there are, offered at checkout.
    expect(form.body).toMatch(/id="position" name="position" type="text" value="12"/);
    expect(form.body).toContain('<input type="checkbox" name="active" value="on" checked>');

    const added = await client.submit('/admin/shipping/new', {
      code: 'pickup',
      name: 'Pick up in Quito',
      price: '0',
      freeAbove: '',
      deliveryEstimate: 'ready to collect at our Quito shop the next business day',
      position: '0',
      active: 'on',
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/shipping?saved=shipping');
    const { rows } = await t.db.query<{ id: number; position: number; price_cents: number }>("SELECT id, position, price_cents FROM shipping_methods WHERE code = 'pickup'");
    expect(rows[0]).toMatchObject({ position: 0, price_cents: 0 });
    const audit = await auditRows(t.db, 'shipping_method.create');
    expect(audit.at(-1)).toMatchObject({ entity_id: String(rows[0]?.id), details: { code: 'pickup', changes: { name: { before: null, after: 'Pick up in Quito' }, position: { before: null, after: 0 } } } });

    // Express was switched off by the test before.
    const listed = await t.app.inject({ url: '/api/v1/shipping-methods' });
    expect(listed.json<{ items: { code: string }[] }>().items.map((item) => item.code)).toEqual(['pickup', 'standard']);
    const list = await client.request({ method: 'GET', url: '/admin/shipping' });
    expect(list.body).toContain(`<a href="/admin/shipping/${rows[0]?.id ?? 0}/edit">Pick up in Quito</a>`);
    expect(list.body).toContain('<a class="button" href="/admin/shipping/new">New shipping method</a>');

    // Moved to the end by its position; the code stays.
    const moved = await client.submit(`/admin/shipping/${rows[0]?.id ?? 0}/edit`, {
      name: 'Pick up in Quito', price: '0', freeAbove: '', deliveryEstimate: 'ready to collect the next business day', position: '30', active: 'on',
    });
    expect(moved.statusCode).toBe(303);
    const after = await t.app.inject({ url: '/api/v1/shipping-methods' });
    expect(after.json<{ items: { code: string }[] }>().items.map((item) => item.code)).toEqual(['standard', 'pickup']);
  });

  it('refuses a new method whose code is malformed or already used, keeping what was typed', async () => {
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM shipping_methods')).rows[0]?.n;
    const before = await count();
    const malformed = await client.submit('/admin/shipping/new', { code: 'Same Day', name: 'Same day', price: '9.90', freeAbove: '', deliveryEstimate: 'today', position: '5', active: 'on' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('<p class="field-error" id="code-error">2 to 32 lowercase letters, digits or hyphens, starting with a letter, e.g. same-day</p>');
    expect(malformed.body).toMatch(/id="code" name="code" type="text" value="Same Day"/);
    const taken = await client.submit('/admin/shipping/new', { code: 'express', name: 'Another express', price: '9.90', freeAbove: '', deliveryEstimate: 'today', position: '5', active: 'on' });
    expect(taken.statusCode).toBe(409);
    expect(taken.body).toContain('<p class="field-error" id="code-error">already used by another shipping method</p>');
    expect(taken.body).toMatch(/id="name" name="name" type="text" value="Another express"/);
    expect(await count()).toBe(before);
  });

  it('answers an unknown method with the 404 page', async () => {
    for (const url of ['/admin/shipping/999999/edit', '/admin/shipping/abc/edit']) {
      expect((await client.request({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });
});
