import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './../support/app.js';

describe('HTTP hardening', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_MAX: '5', BODY_LIMIT_BYTES: '1024' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('sends a content security policy and the other security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/no-such-page', remoteAddress: '10.0.0.1' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
    // Served over plain http here, so no HSTS (it would pin a host that has no TLS).
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('refuses a body above BODY_LIMIT_BYTES with 413 and says so', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/anything',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ blob: 'x'.repeat(4096) }),
      remoteAddress: '10.0.0.2',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'body_too_large' } });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/anything',
      headers: { 'content-type': 'application/json' },
      payload: '{"unterminated": ',
      remoteAddress: '10.0.0.3',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('rate-limits a client per minute with 429 and Retry-After, but never the probes', async () => {
    const from = { remoteAddress: '10.0.0.99' };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/nothing', ...from })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/nothing', ...from });
    expect(limited.headers['retry-after']).toBeDefined();
    expect(limited.json()).toMatchObject({ error: { code: 'rate_limited' } });
    const page = await t.app.inject({ method: 'GET', url: '/no-such-page', ...from });
    expect(page.statusCode).toBe(429);
    expect(page.headers['content-type']).toContain('text/html');
    expect((await t.app.inject({ method: 'GET', url: '/healthz', ...from })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/readyz', ...from })).statusCode).toBe(200);
    // Another client is unaffected.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/nothing', remoteAddress: '10.0.0.100' })).statusCode).toBe(404);
  });

  it('serves the stylesheet with a cache lifetime', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/assets/site.css', remoteAddress: '10.0.0.5' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/css');
    expect(response.headers['cache-control']).toContain('max-age=3600');
  });
});
