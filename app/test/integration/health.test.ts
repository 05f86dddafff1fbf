import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('health endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness with 200', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers readiness with 200 while the database answers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('turns readiness to 503 once shutdown has begun', async () => {
    t.app.lifecycle.shuttingDown = true;
    try {
      const response = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'shutting down' });
    } finally {
      t.app.lifecycle.shuttingDown = false;
    }
  });

  it('echoes a well-formed request id and replaces a malformed one', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown API path with a JSON 404 and an unknown page with an HTML 404', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not_found' } });
    const page = await t.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Page not found');
  });
});

describe('readiness when the database is gone', () => {
  it('answers 503 once the database stops answering', async () => {
    const t = await createTestApp();
    try {
      await t.db.close();
      const response = await t.app.inject({ method: 'GET', url: '/readyz' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'database unavailable' });

      // Pages and API calls fail with a bare 500 that names a reference and nothing else.
      const page = await t.app.inject({ method: 'GET', url: '/products' });
      expect(page.statusCode).toBe(500);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('Something went wrong');
      expect(page.body).toContain(`reference ${String(page.headers['x-request-id'])}`);
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/products' });
      expect(api.statusCode).toBe(500);
      expect(api.json()).toEqual({ error: { code: 'internal_error', message: `an unexpected error occurred; reference ${String(api.headers['x-request-id'])}` } });
      for (const body of [page.body, api.body]) {
        expect(body).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+|\.js:\d+|PGlite|pg-pool|ECONNREFUSED|closed/i);
      }
    } finally {
      await t.app.close();
    }
  });
});
