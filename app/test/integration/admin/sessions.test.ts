import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/domain/admin/password.js';
import { passwordFingerprint } from '../../../src/domain/admin/session.js';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { testAdminPassword } from '../../support/config.js';
import { createReplicaSet, type ReplicaSet } from '../../support/replicas.js';

// Admin sessions are rows shared by every replica: ending one ends it everywhere, and a
// cookie is only as good as the row it points at.

const products = { method: 'GET', url: '/api/v1/admin/products' } as const;

function sessionIdOfCookie(client: AdminClient): string {
  const signed = decodeURIComponent(client.cookies.get('admin_session') ?? '');
  const token = signed.slice(0, signed.lastIndexOf('.'));
  return createHash('sha256').update(token).digest('hex');
}

describe('admin sessions kept in the database', () => {
  let replicas: ReplicaSet;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    replicas = await createReplicaSet({ ...manyLogins, ADMIN_SESSION_MAX_AGE_HOURS: '2', ADMIN_SESSION_IDLE_MINUTES: '20' });
    a = await replicas.start();
    b = await replicas.start();
  });
  afterAll(async () => {
    await replicas.close();
  });

  it('refuses a session cookie replayed after logout, on the replica that logged out and on the other', async () => {
    const client = new AdminClient(a);
    await client.loginHtml();
    const kept = client.cookies.get('admin_session') ?? '';
    expect((await b.inject({ ...products, cookies: { admin_session: kept } })).statusCode).toBe(200);
    expect((await client.submit('/admin/logout', {}, '/admin')).statusCode).toBe(303);
    const replayedA = await a.inject({ ...products, cookies: { admin_session: kept } });
    const replayedB = await b.inject({ method: 'GET', url: '/admin', cookies: { admin_session: kept } });
    console.log(`cookie replayed after logout: replica A ${replayedA.statusCode}, replica B ${replayedB.statusCode} (303 to login)`);
    expect(replayedA.statusCode).toBe(401);
    expect(replayedB.statusCode).toBe(303);
  });

  it('ends the session on every replica when the API logs out', async () => {
    const client = new AdminClient(b);
    const token = await client.loginApi();
    const kept = client.cookies.get('admin_session') ?? '';
    expect((await client.request({ method: 'DELETE', url: '/api/v1/admin/session', headers: { 'x-csrf-token': token } })).statusCode).toBe(204);
    expect((await a.inject({ ...products, cookies: { admin_session: kept } })).statusCode).toBe(401);
    expect((await b.inject({ ...products, cookies: { admin_session: kept } })).statusCode).toBe(401);
  });

  it('refuses a cookie signed with the secret that claims its own expiry', async () => {
    // The old stateless format: expiry.nonce.passwordFingerprint, signed, ten years out.
    const forged = a.signCookie(`${Date.now() + 10 * 365 * 86_400_000}.AAAAAAAAAAAAAAAAAAAAAA.${passwordFingerprint('scrypt$old$hash')}`);
    const fingerprinted = a.signCookie(`${Date.now() + 10 * 365 * 86_400_000}.AAAAAAAAAAAAAAAAAAAAAA.${passwordFingerprint(a.config.ADMIN_PASSWORD_HASH)}`);
    const unknownToken = a.signCookie('A'.repeat(43));
    const statuses = [];
    for (const cookie of [forged, fingerprinted, unknownToken]) statuses.push((await a.inject({ ...products, cookies: { admin_session: cookie } })).statusCode);
    console.log(`signed cookies with no session row: ${statuses.join(', ')}`);
    expect(statuses).toEqual([401, 401, 401]);
  });

  it('stores only the SHA-256 of the token, and a hard expiry from login that use does not extend', async () => {
    const client = new AdminClient(a);
    const login = await client.request({ method: 'POST', url: '/api/v1/admin/session', headers: { 'user-agent': 'Hard-Expiry-Test/1.0' }, payload: { password: testAdminPassword } });
    expect(login.statusCode).toBe(200);
    const expiresIn = new Date(login.json<{ expiresAt: string }>().expiresAt).getTime() - Date.now();
    const cookie = login.cookies.find((set) => set.name === 'admin_session');
    console.log(`ADMIN_SESSION_MAX_AGE_HOURS=2: expiresAt in ${(expiresIn / 3600_000).toFixed(3)} h, cookie Max-Age ${cookie?.maxAge} s`);
    expect(expiresIn).toBeGreaterThan(1.99 * 3600_000);
    expect(expiresIn).toBeLessThanOrEqual(2 * 3600_000 + 1000);
    expect(cookie?.maxAge).toBeGreaterThan(7100);
    const id = sessionIdOfCookie(client);
    const { rows } = await replicas.db.query<{ id: string; user_agent: string }>('SELECT id, user_agent FROM admin_sessions WHERE id = $1', [id]);
    expect(rows).toEqual([{ id, user_agent: 'Hard-Expiry-Test/1.0' }]);
    const raw = decodeURIComponent(client.cookies.get('admin_session') ?? '');
    const all = await replicas.db.query<{ id: string }>('SELECT id FROM admin_sessions');
    expect(all.rows.some((row) => raw.includes(row.id))).toBe(false);
    // As if two hours had passed while the admin kept working: the session still ends.
    await replicas.db.query("UPDATE admin_sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE id = $1", [id]);
    expect((await client.request(products)).statusCode).toBe(401);
  });

  it('ends a session left idle past ADMIN_SESSION_IDLE_MINUTES, and records use at most once a minute', async () => {
    const client = new AdminClient(b);
    await client.loginApi();
    const id = sessionIdOfCookie(client);
    const lastSeen = async () => (await replicas.db.query<{ at: Date }>('SELECT last_seen_at AS at FROM admin_sessions WHERE id = $1', [id])).rows[0]?.at.getTime();
    const first = await lastSeen();
    for (let i = 0; i < 5; i++) expect((await client.request(products)).statusCode).toBe(200);
    const unchanged = await lastSeen();
    await replicas.db.query("UPDATE admin_sessions SET last_seen_at = now() - interval '2 minutes' WHERE id = $1", [id]);
    const moved = (await lastSeen()) ?? 0;
    expect((await client.request(products)).statusCode).toBe(200);
    const touched = (await lastSeen()) ?? 0;
    console.log(`last_seen_at: unchanged by 5 requests within a minute: ${unchanged === first}; moved forward ${((touched - moved) / 1000).toFixed(0)} s by a request 2 minutes later`);
    expect(unchanged).toBe(first);
    expect(touched - moved).toBeGreaterThan(100_000);
    await replicas.db.query("UPDATE admin_sessions SET last_seen_at = now() - interval '21 minutes' WHERE id = $1", [id]);
    expect((await client.request(products)).statusCode).toBe(401);
  });

  it('refuses every session made under the old ADMIN_PASSWORD_HASH once it changes', async () => {
    const client = new AdminClient(a);
    await client.loginApi();
    const cookie = client.cookies.get('admin_session') ?? '';
    const changed = await replicas.start({ ADMIN_PASSWORD_HASH: hashPassword('a new admin password', { log2N: 10 }) });
    const refused = await changed.inject({ ...products, cookies: { admin_session: cookie } });
    console.log(`session from before the password change, on a replica with the new hash: ${refused.statusCode}`);
    expect(refused.statusCode).toBe(401);
    const fresh = new AdminClient(changed);
    await fresh.loginApi('a new admin password');
    expect((await fresh.request(products)).statusCode).toBe(200);
    await replicas.stop(changed);
  });
});

describe('the admin sees and ends sessions', () => {
  let replicas: ReplicaSet;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    replicas = await createReplicaSet(manyLogins);
    a = await replicas.start();
    b = await replicas.start();
  });
  afterAll(async () => {
    await replicas.close();
  });

  it('lists live sessions through the API with the current one marked, and ends one or all others', async () => {
    const me = new AdminClient(a);
    const token = await me.loginApi();
    const laptop = new AdminClient(b);
    await laptop.request({ method: 'POST', url: '/api/v1/admin/session', headers: { 'user-agent': 'Laptop' }, remoteAddress: '203.0.113.10', payload: { password: testAdminPassword } });
    const phone = new AdminClient(b);
    await phone.loginApi();
    const listed = await me.request({ method: 'GET', url: '/api/v1/admin/sessions' });
    expect(listed.statusCode).toBe(200);
    const items = listed.json<{ items: { id: string; current: boolean; clientIp: string; userAgent: string }[] }>().items;
    expect(items).toHaveLength(3);
    expect(items.filter((item) => item.current).map((item) => item.id)).toEqual([sessionIdOfCookie(me)]);
    expect(items.find((item) => item.id === sessionIdOfCookie(laptop))).toMatchObject({ clientIp: '203.0.113.10', userAgent: 'Laptop' });

    const laptopId = sessionIdOfCookie(laptop);
    expect((await me.request({ method: 'DELETE', url: `/api/v1/admin/sessions/${laptopId}` })).statusCode).toBe(403);
    expect((await me.request({ method: 'DELETE', url: `/api/v1/admin/sessions/${laptopId}`, headers: { 'x-csrf-token': token } })).statusCode).toBe(204);
    expect((await laptop.request(products)).statusCode).toBe(401);
    const again = await me.request({ method: 'DELETE', url: `/api/v1/admin/sessions/${laptopId}`, headers: { 'x-csrf-token': token } });
    expect(again.statusCode).toBe(404);
    const malformed = await me.request({ method: 'DELETE', url: '/api/v1/admin/sessions/not-an-id', headers: { 'x-csrf-token': token } });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('id');

    const others = await me.request({ method: 'DELETE', url: '/api/v1/admin/sessions/others', headers: { 'x-csrf-token': token } });
    console.log(`end other sessions: ${others.body}; phone then gets ${(await phone.request(products)).statusCode}, this session ${(await me.request(products)).statusCode}`);
    expect(others.json()).toEqual({ ended: 1 });
    expect((await phone.request(products)).statusCode).toBe(401);
    expect((await me.request(products)).statusCode).toBe(200);
    expect((await auditRows(replicas.db, 'admin.session_ended')).map((row) => row.entity_id)).toEqual([laptopId]);
    expect((await auditRows(replicas.db, 'admin.sessions_ended')).map((row) => row.details)).toEqual([{ ended: 1 }]);
  });

  it('shows the sessions page and ends sessions through its CSRF-protected forms', async () => {
    const me = new AdminClient(a);
    await me.loginHtml();
    const other = new AdminClient(b);
    await other.loginHtml();
    const third = new AdminClient(b);
    await third.loginHtml();
    const page = await me.request({ method: 'GET', url: '/admin/sessions' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Sessions</h1>');
    expect(page.body).toContain(`${sessionIdOfCookie(me).slice(0, 8)} (this session)`);
    expect(page.body).toContain(`action="/admin/sessions/${sessionIdOfCookie(other)}/end"`);

    const withoutToken = await me.postForm(`/admin/sessions/${sessionIdOfCookie(other)}/end`, {});
    expect(withoutToken.statusCode).toBe(403);
    expect((await other.request(products)).statusCode).toBe(200);

    const ended = await me.submit(`/admin/sessions/${sessionIdOfCookie(other)}/end`, {}, '/admin/sessions');
    expect(ended.statusCode).toBe(303);
    expect(ended.headers.location).toBe('/admin/sessions?saved=session');
    expect((await other.request(products)).statusCode).toBe(401);

    const all = await me.submit('/admin/sessions/others/end', {}, '/admin/sessions');
    expect(all.headers.location).toBe('/admin/sessions?saved=sessions');
    expect((await third.request(products)).statusCode).toBe(401);
    const after = await me.request({ method: 'GET', url: '/admin/sessions?saved=sessions' });
    expect(after.body).toContain('Every other session ended.');
    expect(after.body).toContain('One live admin session');

    const own = await me.submit(`/admin/sessions/${sessionIdOfCookie(me)}/end`, {}, '/admin/sessions');
    expect(own.headers.location).toBe('/admin/login?logged_out=1');
    expect((await me.request({ method: 'GET', url: '/admin' })).statusCode).toBe(303);
  });
});
