#!/usr/bin/env node
// Playwright's webServer command: the compiled shop (`npm run build` made it), started through
// the app's harness (@storefront/app/harness), on a fresh, throwaway PGlite database that is
// migrated and seeded at start and deleted when Playwright stops the server. Builds nothing
// itself. Only the settings below pass through, so a DATABASE_URL or other app variable in the
// caller's shell cannot point the suite elsewhere.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

let harness;
try {
  harness = await import('@storefront/app/harness');
} catch (error) {
  process.stderr.write(`e2e: the app's harness is not built (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); \`npm run e2e\` builds it, or run \`npm run build\` first\n`);
  process.exit(1);
}

const passed = ['PORT', 'METRICS_PORT', 'SESSION_SECRET', 'ADMIN_PASSWORD_HASH', 'RATE_LIMIT_MAX', 'LOGIN_RATE_LIMIT_MAX', 'LOG_LEVEL'];
const env = {};
for (const key of passed) {
  const value = process.env[key];
  if (value !== undefined) env[key] = value;
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-e2e-'));
// No load balancer sends traffic here, so stopping need not wait for one to notice.
Object.assign(env, { HOST: '127.0.0.1', DATA_DIR: dataDir, MIGRATE_ON_START: 'true', SEED_ON_START: 'true', SHUTDOWN_DRAIN_DELAY_MS: '0' });

let shop;
try {
  // Playwright polls /readyz itself, and shows the server's stderr.
  shop = await harness.startShopProcess({ env, output: 'inherit', waitUntilReady: false });
} catch (error) {
  rmSync(dataDir, { recursive: true, force: true });
  process.stderr.write(`e2e: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
// Playwright and a terminal's Ctrl-C signal the whole process group, so the server usually
// has the signal already; forward it only if the server is still up a moment later (someone
// signalled this wrapper alone). Forwarding at once would cut the server's graceful stop short.
const forward = (signal) => {
  setTimeout(() => {
    if (shop.running()) shop.child.kill(signal);
  }, 3000).unref();
};
process.on('SIGTERM', forward);
process.on('SIGINT', forward);
shop.child.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
});
