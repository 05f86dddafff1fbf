import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertVendor, insertVoucher } from '../../support/fixtures.js';

const escapedScript = '&#60;script&#62;alert(1)&#60;/script&#62;';

describe('admin vendors, categories and vouchers', () => {
  let t: TestApp;
  let client: AdminClient;
  let token: string;

  async function one<R extends object>(sql: string, params: unknown[]): Promise<R | undefined> {
    return (await t.db.query<R>(sql, params)).rows[0];
  }

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    client = new AdminClient(t.app);
    token = await client.loginApi();
  });

  it('creates and edits a vendor through the HTML forms with audit rows', async () => {
    const created = await client.submit('/admin/vendors/new', { slug: 'framework', name: 'Framework', description: 'Repairable laptops.', website: 'https://frame.work', country: 'US' });
    expect(created.statusCode).toBe(303);
    const row = await one<{ id: number; name: string; country: string }>('SELECT id, name, country FROM vendors WHERE slug = $1', ['framework']);
    expect(row).toMatchObject({ name: 'Framework', country: 'US' });
    const id = row?.id ?? 0;
    const edited = await client.submit(`/admin/vendors/${id}/edit`, { slug: 'framework', name: 'Framework Computer', description: '', website: '', country: '' }, `/admin/vendors/${id}/edit`);
    expect(edited.statusCode).toBe(303);
    expect(await one('SELECT name, website, country FROM vendors WHERE id = $1', [id])).toEqual({ name: 'Framework Computer', website: null, country: null });
    expect((await auditRows(t.db, 'vendor.create')).some((entry) => entry.entity_id === String(id))).toBe(true);
    const update = (await auditRows(t.db, 'vendor.update')).find((entry) => entry.entity_id === String(id));
    expect(update?.details).toMatchObject({ changes: { name: { before: 'Framework', after: 'Framework Computer' }, country: { before: 'US', after: null } } });
    const list = await client.request({ method: 'GET', url: '/admin/vendors' });
    expect(list.body).toContain('Framework Computer');
  });

  it('re-renders the vendor form with errors and escapes injected values; duplicates get 409', async () => {
    await insertVendor(t.db, { slug: 'taken' });
    const bad = await client.submit('/admin/vendors/new', { slug: 'Not A Slug', name: '<script>alert(1)</script>', description: '', website: 'javascript:alert(1)', country: 'usa' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="slug-error"');
    expect(bad.body).toContain('id="website-error"');
    expect(bad.body).toContain('id="country-error"');
    expect(bad.body).toContain(escapedScript);
    expect(bad.body).not.toContain('<script>alert(1)</script>');
    const duplicate = await client.submit('/admin/vendors/new', { slug: 'taken', name: 'Again', description: '', website: '', country: '' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('already used by another vendor');
  });

  it('creates and patches vendors through the API', async () => {
    const created = await client.request({ method: 'POST', url: '/api/v1/admin/vendors', headers: { 'x-csrf-token': token }, payload: { slug: 'msi', name: 'MSI' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'msi', name: 'MSI', description: '', website: null, country: null, productCount: 0 });
    const patched = await client.request({ method: 'PATCH', url: '/api/v1/admin/vendors/msi', headers: { 'x-csrf-token': token }, payload: { country: 'TW' } });
    expect(patched.statusCode).toBe(200);
    expect(await one('SELECT country FROM vendors WHERE slug = $1', ['msi'])).toEqual({ country: 'TW' });
    expect((await auditRows(t.db, 'vendor.update')).some((entry) => JSON.stringify(entry.details).includes('"TW"'))).toBe(true);
    const unknown = await client.request({ method: 'PATCH', url: '/api/v1/admin/vendors/nobody', headers: { 'x-csrf-token': token }, payload: { country: 'TW' } });
    expect(unknown.statusCode).toBe(404);
    const extra = await client.request({ method: 'POST', url: '/api/v1/admin/vendors', headers: { 'x-csrf-token': token }, payload: { slug: 'x-y', name: 'X', id: 5 } });
    expect(extra.statusCode).toBe(400);
    const duplicate = await client.request({ method: 'POST', url: '/api/v1/admin/vendors', headers: { 'x-csrf-token': token }, payload: { slug: 'msi', name: 'MSI again' } });
    expect(duplicate.statusCode).toBe(409);
    const listed = await client.request({ method: 'GET', url: '/api/v1/admin/vendors' });
    expect(listed.json<{ slug: string }[]>().map((vendor) => vendor.slug)).toContain('msi');
  });

  it('creates and edits categories through the HTML forms and the API with audit rows', async () => {
    const created = await client.submit('/admin/categories/new', { slug: 'monitors', name: 'Monitors', description: 'Screens.', position: '3' });
    expect(created.statusCode).toBe(303);
    const row = await one<{ id: number; position: number }>('SELECT id, position FROM categories WHERE slug = $1', ['monitors']);
    expect(row?.position).toBe(3);
    const bad = await client.submit(`/admin/categories/${row?.id ?? 0}/edit`, { slug: 'monitors', name: '', description: '', position: 'first' }, `/admin/categories/${row?.id ?? 0}/edit`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="name-error"');
    expect(bad.body).toContain('id="position-error"');
    const patched = await client.request({ method: 'PATCH', url: '/api/v1/admin/categories/monitors', headers: { 'x-csrf-token': token }, payload: { name: 'Displays', position: 1 } });
    expect(patched.statusCode).toBe(200);
    expect(await one('SELECT name, position FROM categories WHERE slug = $1', ['monitors'])).toEqual({ name: 'Displays', position: 1 });
    const audit = (await auditRows(t.db, 'category.update')).find((entry) => entry.entity_id === String(row?.id));
    expect(audit?.details).toMatchObject({ changes: { name: { before: 'Monitors', after: 'Displays' }, position: { before: 3, after: 1 } } });
    const viaApi = await client.request({ method: 'POST', url: '/api/v1/admin/categories', headers: { 'x-csrf-token': token }, payload: { slug: 'storage', name: 'Storage' } });
    expect(viaApi.statusCode).toBe(201);
    expect((await auditRows(t.db, 'category.create')).length).toBe(2);
    await insertCategory(t.db, { slug: 'taken-category' });
    const clash = await client.request({ method: 'PATCH', url: '/api/v1/admin/categories/storage', headers: { 'x-csrf-token': token }, payload: { slug: 'taken-category' } });
    expect(clash.statusCode).toBe(409);
  });

  it('creates a voucher from the form: fixed dollars become cents and datetime-local is read as UTC', async () => {
    const response = await client.submit('/admin/vouchers/new', {
      code: 'WINTER25',
      description: 'Winter sale',
      kind: 'fixed',
      amount: '25.50',
      minTotal: '100',
      startsAt: '2026-12-01T00:00',
      endsAt: '2027-01-01T00:00',
      maxRedemptions: '50',
      active: 'on',
    });
    expect(response.statusCode).toBe(303);
    const row = await one<{ id: number; amount: number; min_total_cents: number; starts_at: Date; ends_at: Date; max_redemptions: number; kind: string }>(
      'SELECT id, kind, amount, min_total_cents, starts_at, ends_at, max_redemptions FROM vouchers WHERE code = $1',
      ['WINTER25'],
    );
    expect(row).toMatchObject({ kind: 'fixed', amount: 2_550, min_total_cents: 10_000, max_redemptions: 50 });
    expect(row?.starts_at.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(row?.ends_at.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    const audit = (await auditRows(t.db, 'voucher.create')).find((entry) => entry.entity_id === String(row?.id));
    expect(audit?.details).toMatchObject({ changes: { code: { after: 'WINTER25' }, amount: { after: 2_550 } } });
    const form = await client.request({ method: 'GET', url: `/admin/vouchers/${row?.id ?? 0}/edit` });
    expect(form.body).toContain('value="2026-12-01T00:00"');
    expect(form.body).toContain('value="25.50"');
  });

  it('refuses voucher forms that break the rules and shows the redemptions of a voucher', async () => {
    const bad = await client.submit('/admin/vouchers/new', {
      code: 'BAD',
      description: '',
      kind: 'percent',
      amount: '150',
      minTotal: '',
      startsAt: '2026-12-02T00:00',
      endsAt: '2026-12-01T00:00',
      maxRedemptions: '0',
      active: 'on',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="amount-error"');
    expect(bad.body).toContain('id="maxRedemptions-error"');
    expect(await one('SELECT 1 FROM vouchers WHERE code = $1', ['BAD'])).toBeUndefined();
    const window = await client.submit('/admin/vouchers/new', { code: 'BACKWARDS', description: '', kind: 'percent', amount: '10', minTotal: '', startsAt: '2026-12-02T00:00', endsAt: '2026-12-01T00:00', maxRedemptions: '', active: 'on' });
    expect(window.statusCode).toBe(400);
    expect(window.body).toContain('id="endsAt-error"');
    const used = await insertVoucher(t.db, { code: 'USED10', maxRedemptions: 10, redemptions: 4 });
    const list = await client.request({ method: 'GET', url: '/admin/vouchers' });
    expect(list.body).toContain('USED10');
    expect(list.body).toContain('4 of 10');
    const lower = await client.submit(`/admin/vouchers/${used.id}/edit`, { code: 'USED10', description: '', kind: 'percent', amount: '10', minTotal: '', startsAt: '', endsAt: '', maxRedemptions: '3', active: 'on' }, `/admin/vouchers/${used.id}/edit`);
    expect(lower.statusCode).toBe(400);
    expect(lower.body).toContain('already redeemed 4 times');
  });

  it('creates and patches vouchers through the API with audit rows, 409 on a duplicate code', async () => {
    const created = await client.request({
      method: 'POST',
      url: '/api/v1/admin/vouchers',
      headers: { 'x-csrf-token': token },
      payload: { code: 'SPRING10', kind: 'percent', amount: 10, endsAt: '2027-04-01T00:00:00Z' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'SPRING10', kind: 'percent', amount: 10, redemptions: 0, active: true, endsAt: '2027-04-01T00:00:00.000Z', startsAt: null });
    const patched = await client.request({ method: 'PATCH', url: '/api/v1/admin/vouchers/SPRING10', headers: { 'x-csrf-token': token }, payload: { active: false, amount: 15 } });
    expect(patched.statusCode).toBe(200);
    expect(await one('SELECT active, amount FROM vouchers WHERE code = $1', ['SPRING10'])).toEqual({ active: false, amount: 15 });
    const audit = (await auditRows(t.db, 'voucher.update')).find((entry) => entry.details.code === 'SPRING10');
    expect(audit?.details).toMatchObject({ changes: { active: { before: true, after: false }, amount: { before: 10, after: 15 } } });
    const duplicate = await client.request({ method: 'POST', url: '/api/v1/admin/vouchers', headers: { 'x-csrf-token': token }, payload: { code: 'SPRING10', kind: 'fixed', amount: 500 } });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ error: { fields: [{ path: 'code' }] } });
    const tooMuch = await client.request({ method: 'PATCH', url: '/api/v1/admin/vouchers/SPRING10', headers: { 'x-csrf-token': token }, payload: { amount: 101 } });
    expect(tooMuch.statusCode).toBe(400);
    const badDate = await client.request({ method: 'POST', url: '/api/v1/admin/vouchers', headers: { 'x-csrf-token': token }, payload: { code: 'DATES', kind: 'fixed', amount: 5, startsAt: 'tomorrow' } });
    expect(badDate.statusCode).toBe(400);
    const listed = await client.request({ method: 'GET', url: '/api/v1/admin/vouchers' });
    expect(listed.json<{ code: string }[]>().map((voucher) => voucher.code)).toContain('SPRING10');
  });
});
