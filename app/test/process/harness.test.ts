import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startShopProcess } from '../../src/harness/index.js';

// The harness every test and tool starts the shop with (@storefront/app/harness): what it
// promises them, against the compiled shop.

const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-harness-'));
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function login(url: string, password: string): Promise<number> {
  const response = await fetch(`${url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  await response.arrayBuffer();
  return response.status;
}

describe('the harness', () => {
  it('starts the shop ready, with an admin password of its own making, and stops it gracefully', async () => {
    const shop = await startShopProcess({ env: { DATA_DIR: dataDir, MIGRATE_ON_START: 'true', LOG_LEVEL: 'error' }, readyTimeoutMs: 45_000 });
    try {
      expect(shop.readyMs).toBeGreaterThan(0);
      expect((await fetch(`${shop.url}/readyz`)).status).toBe(200);
      expect((await fetch(shop.metricsUrl)).status).toBe(200);
      expect(shop.adminPassword).toBeDefined();
      expect(await login(shop.url, `${shop.adminPassword ?? ''}-wrong`)).toBe(401);
      expect(await login(shop.url, shop.adminPassword ?? '')).toBe(200);
      await shop.stop();
      expect(await shop.exited).toBe(0);
      expect(shop.running()).toBe(false);
    } finally {
      await shop.kill();
    }
  });

  it('fails with what the shop said when it exits before it is ready', async () => {
    const started = startShopProcess({ env: { DATA_DIR: dataDir, LOG_LEVEL: 'chatty' }, output: 'capture' });
    await expect(started).rejects.toThrow(/exited with code 1 before it was ready\nconfig: LOG_LEVEL: /);
  });

  it('passes only what it is given when asked for no defaults', async () => {
    const shop = await startShopProcess({ env: { PORT: 'http' }, defaults: false, output: 'capture', waitUntilReady: false });
    expect(await shop.exited).toBe(1);
    expect(shop.adminPassword).toBeUndefined();
    expect(shop.stderr()).toMatch(/^config: PORT: [^\n]+\nconfig: SESSION_SECRET: required[^\n]*\nconfig: ADMIN_PASSWORD_HASH: required/);
  });
});
