import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createReplicaSet, type ReplicaSet } from '../../support/replicas.js';

// The login limit counts attempts per client address. Behind the ingress that address comes
// from X-Forwarded-For, but only the part written by trusted proxies: a client that writes
// its own X-Forwarded-For must not get a fresh budget per made-up address.

const max = 2;
const ingress = '10.0.0.5';

async function attempt(app: FastifyInstance, remoteAddress: string, forwardedFor?: string): Promise<number> {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  const response = await app.inject({ method: 'POST', url: '/api/v1/admin/session', remoteAddress, headers, payload: { password: 'wrong' } });
  return response.statusCode;
}

/** Five attempts, each claiming a different spoofed origin before the real one. */
async function spoofingRun(app: FastifyInstance, remoteAddress: string, realClient?: string): Promise<number[]> {
  const statuses = [];
  for (let i = 1; i <= 5; i++) statuses.push(await attempt(app, remoteAddress, realClient === undefined ? `192.0.2.${i}` : `192.0.2.${i}, ${realClient}`));
  return statuses;
}

describe('the client address the login limit counts', () => {
  let replicas: ReplicaSet;
  let oneHop: FastifyInstance;
  let listed: FastifyInstance;
  let untrusting: FastifyInstance;
  beforeAll(async () => {
    replicas = await createReplicaSet({ LOGIN_RATE_LIMIT_MAX: String(max) });
    oneHop = await replicas.start({ TRUST_PROXY: '1' });
    listed = await replicas.start({ TRUST_PROXY: '10.0.0.0/8' });
    untrusting = await replicas.start({ TRUST_PROXY: 'false' });
  });
  afterAll(async () => {
    await replicas.close();
  });

  it('behind one trusted hop, is the address the ingress appended, whatever the client wrote before it', async () => {
    const statuses = await spoofingRun(oneHop, ingress, '203.0.113.20');
    console.log(`TRUST_PROXY=1, 5 attempts each with a different spoofed X-Forwarded-For origin: ${statuses.join(', ')}`);
    expect(statuses).toEqual([401, 401, 429, 429, 429]);
    // Another real client behind the same ingress has its own budget.
    expect(await attempt(oneHop, ingress, '203.0.113.21')).toBe(401);
  });

  it('with a CIDR list, follows X-Forwarded-For from a listed proxy only', async () => {
    const viaProxy = await spoofingRun(listed, '10.9.8.7', '203.0.113.30');
    const direct = await spoofingRun(listed, '198.51.100.40');
    console.log(`TRUST_PROXY=10.0.0.0/8: via a listed proxy ${viaProxy.join(', ')}; direct client with its own X-Forwarded-For ${direct.join(', ')}`);
    expect(viaProxy).toEqual([401, 401, 429, 429, 429]);
    expect(direct).toEqual([401, 401, 429, 429, 429]);
    const stored = await replicas.db.query<{ client: string }>("SELECT client FROM admin_login_attempts WHERE client LIKE '192.0.2.%'");
    expect(stored.rows).toEqual([]);
  });

  it('with TRUST_PROXY=false, is the connection address and X-Forwarded-For is ignored', async () => {
    const statuses = await spoofingRun(untrusting, '198.51.100.50');
    expect(statuses).toEqual([401, 401, 429, 429, 429]);
  });
});
