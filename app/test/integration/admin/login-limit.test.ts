import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAdminPassword } from '../../support/config.js';
import { createReplicaSet, type ReplicaSet } from '../../support/replicas.js';

// The login limit lives in the database: replicas share one budget per client, a restart does
// not refill it, and only failures count. Each test uses its own client address.

const max = 3;

async function attempt(app: FastifyInstance, ip: string, password: string): Promise<number> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/admin/session', remoteAddress: ip, payload: { password } });
  return response.statusCode;
}

function tally(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('admin login limit shared through the database', () => {
  let replicas: ReplicaSet;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    replicas = await createReplicaSet({ LOGIN_RATE_LIMIT_MAX: String(max) });
    a = await replicas.start();
    b = await replicas.start();
  });
  afterAll(async () => {
    await replicas.close();
  });

  it('gives two replicas one budget per client, not one each', async () => {
    const ip = '198.51.100.1';
    const statuses = [await attempt(a, ip, 'nope'), await attempt(b, ip, 'nope'), await attempt(a, ip, 'nope'), await attempt(b, ip, testAdminPassword)];
    console.log(`two replicas, limit ${max}: statuses ${statuses.join(', ')}`);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('keeps the count across a restart (a new app instance)', async () => {
    const ip = '198.51.100.2';
    for (let i = 0; i < max; i++) expect(await attempt(a, ip, 'nope')).toBe(401);
    const restarted = await replicas.start();
    const after = await attempt(restarted, ip, testAdminPassword);
    console.log(`restart after ${max} failures: the first attempt on the new instance answered ${after}`);
    expect(after).toBe(429);
    const stored = await replicas.db.query<{ attempts: number }>('SELECT attempts FROM admin_login_attempts WHERE client = $1', [ip]);
    expect(stored.rows[0]?.attempts).toBe(max + 1);
    await replicas.stop(restarted);
  });

  it('counts failures only: a successful login clears that client\'s failures', async () => {
    const ip = '198.51.100.3';
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < max - 1; i++) statuses.push(await attempt(round % 2 === 0 ? a : b, ip, 'nope'));
      statuses.push(await attempt(round % 2 === 0 ? b : a, ip, testAdminPassword));
    }
    console.log(`failures then success, three rounds at limit ${max}: ${statuses.join(', ')}`);
    expect(statuses).toEqual([401, 401, 200, 401, 401, 200, 401, 401, 200]);
    const logins = [];
    for (let i = 0; i < max + 2; i++) logins.push(await attempt(a, '198.51.100.33', testAdminPassword));
    console.log(`${max + 2} successful logins in a row at limit ${max}: ${logins.join(', ')}`);
    expect(logins.every((status) => status === 200)).toBe(true);
  });

  it('lets no more than the limit through when guesses arrive at once on both replicas', async () => {
    const ip = '198.51.100.4';
    const burst = await Promise.all(Array.from({ length: 16 }, (_, i) => attempt(i % 2 === 0 ? a : b, ip, `guess-${i}`)));
    const counts = tally(burst);
    console.log(`16 concurrent wrong guesses over two replicas, limit ${max}: ${counts[401] ?? 0} checked (401), ${counts[429] ?? 0} refused (429)`);
    expect(counts[401]).toBe(max);
    expect(counts[429]).toBe(16 - max);
  });

  it('answers 429 with a Retry-After that counts down the 15-minute window, and keeps other clients apart', async () => {
    const ip = '198.51.100.5';
    for (let i = 0; i < max; i++) await attempt(b, ip, 'nope');
    const refused = await a.inject({ method: 'POST', url: '/api/v1/admin/session', remoteAddress: ip, payload: { password: 'nope' } });
    const retryAfter = Number(refused.headers['retry-after']);
    console.log(`limit reached: 429 with Retry-After ${retryAfter} s`);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    expect(retryAfter).toBeGreaterThan(880);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await attempt(a, '198.51.100.6', 'nope')).toBe(401);
  });

  it('starts a new window once the old one has passed, and prunes expired rows', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < max; i++) await attempt(a, ip, 'nope');
    expect(await attempt(a, ip, 'nope')).toBe(429);
    // As if 15 minutes had passed: the window of this client and of a forgotten one end.
    await replicas.db.query("UPDATE admin_login_attempts SET window_ends_at = now() - interval '1 second' WHERE client = $1", [ip]);
    await replicas.db.query("INSERT INTO admin_login_attempts (client, attempts, window_ends_at) VALUES ('192.0.2.99', 2, now() - interval '1 minute')");
    await replicas.db.query(
      "INSERT INTO admin_sessions (id, expires_at, password_fingerprint, client_ip) VALUES (repeat('a', 64), now() - interval '1 second', 'x', '192.0.2.99')",
    );
    expect(await attempt(a, ip, 'nope')).toBe(401);
    const stored = await replicas.db.query<{ attempts: number }>('SELECT attempts FROM admin_login_attempts WHERE client = $1', [ip]);
    expect(stored.rows[0]?.attempts).toBe(1);
    // A fresh instance prunes on its first login attempt (then at most once a minute).
    const fresh = await replicas.start();
    await attempt(fresh, '198.51.100.8', 'nope');
    const forgotten = await replicas.db.query<{ n: number }>("SELECT count(*)::int AS n FROM admin_login_attempts WHERE window_ends_at <= now()");
    const expiredSessions = await replicas.db.query<{ n: number }>("SELECT count(*)::int AS n FROM admin_sessions WHERE expires_at <= now()");
    console.log(`after pruning: ${forgotten.rows[0]?.n} expired attempt rows, ${expiredSessions.rows[0]?.n} expired session rows left`);
    expect(forgotten.rows[0]?.n).toBe(0);
    expect(expiredSessions.rows[0]?.n).toBe(0);
    await replicas.stop(fresh);
  });
});
