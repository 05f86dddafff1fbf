import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testAdminPasswordHash } from '../support/config.js';
import { startShopProcess } from '../../src/harness/index.js';

const secret = 'process-test-session-secret-0123456789abcdef';
const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-process-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the server process', () => {
  it('exits 1 with one line per configuration problem and no stack trace', async () => {
    const server = await startShopProcess({ env: { PORT: 'http', LOG_LEVEL: 'chatty' }, defaults: false, output: 'capture', waitUntilReady: false });
    expect(await server.exited).toBe(1);
    const lines = server.stderr().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^config: PORT: /),
      expect.stringMatching(/^config: LOG_LEVEL: /),
      expect.stringMatching(/^config: SESSION_SECRET: required/),
      expect.stringMatching(/^config: ADMIN_PASSWORD_HASH: required/),
    ]);
    expect(server.stderr()).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('serves, exposes metrics on its own port, and stops cleanly on SIGTERM', async () => {
    const server = await startShopProcess({
      env: { DATA_DIR: dataDir, MIGRATE_ON_START: 'true', SESSION_SECRET: secret, ADMIN_PASSWORD_HASH: testAdminPasswordHash, SHUTDOWN_DRAIN_DELAY_MS: '0' },
      output: 'capture',
      readyTimeoutMs: 45_000,
    });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      const metrics = await fetch(server.metricsUrl);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toContain('http_request_duration_seconds_bucket');
      expect(text).toMatch(/route="\/healthz",status_code="200"/);
      expect(text).toContain('process_cpu_user_seconds_total');
      // The shop's port does not serve metrics: only the metrics port does.
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const logs = server.stdout().trim().split('\n').map((line) => JSON.parse(line) as { msg?: string; level?: string });
      expect(logs.map((entry) => entry.msg)).toEqual(expect.arrayContaining(['storefront ready', 'shutdown complete']));
      expect(logs.every((entry) => typeof entry.level === 'string')).toBe(true);
      expect(server.stdout()).not.toContain(secret);
    } finally {
      server.child.kill('SIGKILL');
    }
  });

  it('starts again from an existing embedded data directory', async () => {
    const server = await startShopProcess({
      env: { DATA_DIR: dataDir, SESSION_SECRET: secret, ADMIN_PASSWORD_HASH: testAdminPasswordHash, SHUTDOWN_DRAIN_DELAY_MS: '0' },
      output: 'capture',
      readyTimeoutMs: 45_000,
    });
    try {
      // No MIGRATE_ON_START this time: the schema the first run created is still there.
      const products = await fetch(`${server.url}/api/v1/products`);
      expect(products.status).toBe(200);
      expect(await products.json()).toMatchObject({ items: [], total: 0 });
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
