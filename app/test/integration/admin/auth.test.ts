import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testAdminPassword } from '../../support/config.js';

describe('admin authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(manyLogins);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets a signed HttpOnly SameSite=Strict session cookie on API login and returns a CSRF token', async () => {
    const client = new AdminClient(t.app);
    const response = await client.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ csrfToken: string; expiresAt: string }>();
    expect(body.csrfToken.length).toBeGreaterThan(10);
    const expiresIn = new Date(body.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(7.9 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(8 * 3600_000);
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => line.startsWith('admin_session='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(response.headers['cache-control']).toBe('no-store');
    const me = await client.request({ method: 'GET', url: '/api/v1/admin/products' });
    expect(me.statusCode).toBe(200);
  });

  it('logs in through the HTML form and redirects to a safe next path', async () => {
    const client = new AdminClient(t.app);
    const response = await client.submit('/admin/login', { password: testAdminPassword, next: '/admin/vouchers' }, '/admin/login?next=/admin/vouchers');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/vouchers');
    expect(response.headers['set-cookie']?.toString()).toMatch(/admin_session=.*HttpOnly.*SameSite=Strict/i);
    const page = await client.request({ method: 'GET', url: '/admin' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Dashboard</h1>');
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('answers a wrong password with 401 and a generic message, and audits the failure', async () => {
    const before = (await auditRows(t.db, 'admin.login_failed')).length;
    const client = new AdminClient(t.app);
    const api = await client.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password: 'guess-one' } });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toEqual({ error: { code: 'wrong_password', message: 'wrong password' } });
    expect(api.headers['set-cookie']?.toString() ?? '').not.toContain('admin_session=');
    const html = await client.submit('/admin/login', { password: 'guess-two' });
    expect(html.statusCode).toBe(401);
    expect(html.body).toContain('Wrong password.');
    const rows = await auditRows(t.db, 'admin.login_failed');
    expect(rows.length).toBe(before + 2);
    expect(JSON.stringify(rows)).not.toContain('guess-');
  });

  it('rejects an API login body with unknown fields or wrong types with 400', async () => {
    const extra = await t.app.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword, admin: true } });
    expect(extra.statusCode).toBe(400);
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { password: 12345 } });
    expect(wrongType.statusCode).toBe(400);
    const malformed = await t.app.inject({ method: 'POST', url: '/api/v1/admin/session', headers: { 'content-type': 'application/json' }, payload: '{"password":' });
    expect(malformed.statusCode).toBe(400);
  });

  it('treats a tampered or unsigned session cookie as logged out', async () => {
    const client = new AdminClient(t.app);
    await client.loginApi();
    const signed = decodeURIComponent(client.cookies.get('admin_session') ?? '');
    const [token = '', signature = ''] = signed.split(/\.(?=[^.]+$)/);
    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}.${signature}`;
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/admin/products', cookies: { admin_session: flipped } });
    expect(api.statusCode).toBe(401);
    const unsigned = await t.app.inject({ method: 'GET', url: '/admin', cookies: { admin_session: token } });
    expect(unsigned.statusCode).toBe(303);
    expect(unsigned.headers.location).toBe('/admin/login?next=%2Fadmin');
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/products' })).statusCode).toBe(200);
  });

  it('sends logged-out visitors of admin pages to the login form with the page as next', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/admin/products?q=ssd&page=2' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/login?next=${encodeURIComponent('/admin/products?q=ssd&page=2')}`);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/admin/orders' });
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('ignores an open-redirect attempt in next', async () => {
    for (const next of ['//evil.example', 'https://evil.example/admin', '/\\evil.example', '/admin//evil.example', '/administrator']) {
      const page = await t.app.inject({ method: 'GET', url: `/admin/login?next=${encodeURIComponent(next)}` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('name="next" value="/admin"');
      const client = new AdminClient(t.app);
      const response = await client.submit('/admin/login', { password: testAdminPassword, next });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/admin');
    }
  });

  it('logs out: the cookie is cleared, the logout audited, and admin pages need a login again', async () => {
    const client = new AdminClient(t.app);
    await client.loginHtml();
    const before = (await auditRows(t.db, 'admin.logout')).length;
    const response = await client.submit('/admin/logout', {}, '/admin');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/admin/login?logged_out=1');
    expect(client.cookies.has('admin_session')).toBe(false);
    expect((await client.request({ method: 'GET', url: '/admin' })).statusCode).toBe(303);
    expect((await auditRows(t.db, 'admin.logout')).length).toBe(before + 1);
  });

  it('logs out through the API with the CSRF header', async () => {
    const client = new AdminClient(t.app);
    const token = await client.loginApi();
    const refused = await client.request({ method: 'DELETE', url: '/api/v1/admin/session' });
    expect(refused.statusCode).toBe(403);
    const response = await client.request({ method: 'DELETE', url: '/api/v1/admin/session', headers: { 'x-csrf-token': token } });
    expect(response.statusCode).toBe(204);
    expect((await client.request({ method: 'GET', url: '/api/v1/admin/products' })).statusCode).toBe(401);
  });
});

describe('admin login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_MAX: '3' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers the 4th attempt within 15 minutes with 429 and Retry-After, across form and API', async () => {
    const client = new AdminClient(t.app);
    expect((await client.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password: 'nope' } })).statusCode).toBe(401);
    expect((await client.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password: 'nope' } })).statusCode).toBe(401);
    expect((await client.submit('/admin/login', { password: 'nope' })).statusCode).toBe(401);
    const api = await client.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword } });
    expect(api.statusCode).toBe(429);
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(800);
    expect(api.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(api.headers['set-cookie']?.toString() ?? '').not.toContain('admin_session=');
    const page = await client.submit('/admin/login', { password: testAdminPassword });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['retry-after']).toBeDefined();
    expect(page.body).toContain('Too many login attempts');
  });
});

describe('admin cookies behind https', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ...manyLogins, PUBLIC_URL: 'https://shop.example.com' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('marks the session and CSRF cookies Secure when the shop is served over https', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword } });
    expect(response.statusCode).toBe(200);
    const cookies = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
    const session = cookies.find((line) => line.startsWith('admin_session='));
    const csrf = cookies.find((line) => line.startsWith('admin_csrf='));
    expect(session).toMatch(/;\s*Secure/i);
    expect(csrf).toMatch(/;\s*Secure/i);
    expect(csrf).toMatch(/HttpOnly/i);
  });
});
