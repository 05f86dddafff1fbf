#!/usr/bin/env node
// Playwright's webServer command: the compiled shop (`npm run build` made it) on a fresh,
// throwaway PGlite database that is migrated and seeded at start and deleted when Playwright
// stops the server. Builds nothing itself. The environment is built from scratch so a
// DATABASE_URL or other app variable in the caller's shell cannot point the suite elsewhere.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const serverScript = path.join(repoRoot, 'app/dist/server.js');
if (!existsSync(serverScript)) {
  process.stderr.write('e2e: app/dist/server.js is missing; `npm run e2e` builds it, or run `npm run build` first\n');
  process.exit(1);
}

const passed = ['PORT', 'METRICS_PORT', 'SESSION_SECRET', 'ADMIN_PASSWORD_HASH', 'RATE_LIMIT_MAX', 'LOGIN_RATE_LIMIT_MAX', 'LOG_LEVEL'];
const env = { PATH: process.env.PATH ?? '' };
for (const key of passed) {
  const value = process.env[key];
  if (value !== undefined) env[key] = value;
}
const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-e2e-'));
// No load balancer sends traffic here, so stopping need not wait for one to notice.
Object.assign(env, { HOST: '127.0.0.1', DATA_DIR: dataDir, MIGRATE_ON_START: 'true', SEED_ON_START: 'true', SHUTDOWN_DRAIN_DELAY_MS: '0' });

const server = spawn(process.execPath, [serverScript], { cwd: repoRoot, env, stdio: 'inherit' });
// Playwright and a terminal's Ctrl-C signal the whole process group, so the server usually
// has the signal already; forward it only if the server is still up a moment later (someone
// signalled this wrapper alone). Forwarding at once would cut the server's graceful stop short.
const forward = (signal) => {
  setTimeout(() => {
    if (server.exitCode === null) server.kill(signal);
  }, 3000).unref();
};
process.on('SIGTERM', forward);
process.on('SIGINT', forward);
server.on('exit', (code, signal) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
});
