import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLocalSecrets } from '@storefront/app/harness';
import { appSettingValue, loadEnvironment } from '@storefront/environments';
import { e2eSelection } from '../src/verification.js';
import { repositoryRoot } from './support/repository.js';

// prod is verified read-only: the Playwright journeys and the k6 profile verify.yml selects for
// prod are run here against a local shop behind a recording proxy, and every request that
// reaches the shop is checked. The verify profile of dev and stage runs too, to show the
// proxy does see a write when one is sent.

const prod = loadEnvironment('prod');
const k6 = path.join(repositoryRoot, '.tools', 'bin', 'k6');
const readMethods = new Set(['GET', 'HEAD']);

interface Sent {
  readonly method: string;
  readonly path: string;
}

/** A reverse proxy on 127.0.0.1 that forwards to the shop and remembers every request. */
function recordingProxy(target: number, sent: Sent[]): Promise<Server> {
  const server = createServer((req, res) => {
    sent.push({ method: req.method ?? '', path: req.url ?? '' });
    // nosemgrep: ssrf-request-derived-url -- a test proxy: the host is fixed to 127.0.0.1 and the port to the shop it started
    const upstream = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => { resolve(server); }));
}

/** Runs a command without blocking this process: the recording proxy lives in it. */
function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // nosemgrep: child-process-non-literal-command -- called with the k6 binary scripts/tools installed and node (Playwright's CLI), arguments as an array, no shell
    const child = spawn(command, args, { cwd: repositoryRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

async function waitForReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const ok = await fetch(url).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never became ready`);
}

describe('verification against a deployment: prod sends no write request, dev runs its writing journeys', () => {
  const sent: Sent[] = [];
  let shop: ChildProcess | undefined;
  let proxy: Server | undefined;
  let base = '';
  const secrets = makeLocalSecrets();
  const adminPassword = secrets.adminPassword;

  beforeAll(async () => {
    const port = 4370 + Math.floor(Math.random() * 20) * 2;
    shop = spawn(process.execPath, [path.join(repositoryRoot, 'e2e', 'support', 'web-server.mjs')], {
      cwd: repositoryRoot,
      stdio: 'ignore',
      env: { PATH: process.env.PATH, PORT: String(port), METRICS_PORT: String(port + 1), ...secrets.env, RATE_LIMIT_MAX: '1000000', LOG_LEVEL: 'error' },
    });
    await waitForReady(`http://127.0.0.1:${port}/readyz`);
    proxy = await recordingProxy(port, sent);
    base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    shop?.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      if (proxy) proxy.close(() => { resolve(); });
      else resolve();
    });
  });

  it('prod is configured read-only: @smoke without @writes, the browse profile', () => {
    expect(prod.verification.writes).toBe(false);
    expect(prod.verification.loadProfile).toBe('browse');
    expect(e2eSelection(prod)).toEqual({ grep: '@smoke', grepInvert: '@writes' });
  });

  it('the k6 scripts of the browse profile only GET, and its paced rate stays under half the rate limit', () => {
    const browse = readFileSync(path.join(repositoryRoot, 'load', 'scenarios', 'browse.ts'), 'utf8');
    const target = readFileSync(path.join(repositoryRoot, 'load', 'lib', 'target.ts'), 'utf8');
    const calls = [...`${browse}\n${target}`.matchAll(/\bhttp\.(\w+)\(/g)].map((m) => m[1]);
    expect(new Set(calls)).toEqual(new Set(['get']));
    // Six call sites, the listing one in a loop over two pages: requestsPerIteration.browse (7) in load/lib/profiles.ts.
    expect([...browse.matchAll(/\bhttp\.get\(/g)]).toHaveLength(6);
    expect(readFileSync(path.join(repositoryRoot, 'load', 'lib', 'profiles.ts'), 'utf8')).toContain('requestsPerIteration = { browse: 7, checkout: 6 }');
  });

  it.skipIf(!existsSync(k6))('the browse profile (prod) sends only GET; the verify profile (dev, stage) does send writes', async () => {
    const run = async (profile: string) => {
      sent.length = 0;
      // --address: k6's own API server on a free port, not 6565, which a parallel run may hold.
      const result = await runAsync(k6, ['run', '--quiet', '--no-summary', '--address', '127.0.0.1:0', path.join(repositoryRoot, 'load', 'main.ts')], { PATH: process.env.PATH, HOME: process.env.HOME, BASE_URL: base, PROFILE: profile, RATE_LIMIT_MAX: String(appSettingValue(prod.app, 'RATE_LIMIT_MAX')), VERIFY_DURATION: '4s', K6_NO_USAGE_REPORT: 'true' }, 90_000);
      const methods = [...new Set(sent.map((s) => s.method))].sort();
      console.log(`k6 ${profile}: exit ${result.status ?? 'signal'}, ${sent.length} requests, methods ${methods.join(', ')}`);
      return { status: result.status, methods, stderr: result.stderr };
    };
    const browse = await run(prod.verification.loadProfile);
    expect(browse.status, browse.stderr).toBe(0);
    expect(sent.length).toBeGreaterThan(5);
    expect(browse.methods).toEqual(['GET']);
    const verify = await run('verify');
    expect(verify.methods).toContain('POST');
  }, 180_000);

  it('the Playwright journeys selected for prod send only GET and HEAD', async () => {
    sent.length = 0;
    const { grep, grepInvert } = e2eSelection(prod);
    const result = await runAsync(process.execPath, [path.join(repositoryRoot, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--config', 'e2e/playwright.config.ts', '--reporter', 'line', '--workers', '1'], { ...process.env, BASE_URL: base, E2E_GREP: grep, E2E_GREP_INVERT: grepInvert, CI: '' }, 150_000);
    const methods = [...new Set(sent.map((s) => s.method))].sort();
    const passed = /(\d+) passed/.exec(result.stdout)?.[1] ?? '0';
    console.log(`playwright ${grep} minus ${grepInvert}: exit ${result.status ?? 'signal'}, ${passed} journeys passed, ${sent.length} requests, methods ${methods.join(', ')}`);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(Number(passed)).toBeGreaterThan(0);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((s) => !readMethods.has(s.method))).toEqual([]);
  }, 180_000);

  it("dev's selection runs the writing journeys against a deployment, and they pass", async () => {
    sent.length = 0;
    const dev = loadEnvironment('dev');
    const { grep, grepInvert } = e2eSelection(dev);
    const args = [path.join(repositoryRoot, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--config', 'e2e/playwright.config.ts', '--project', 'desktop', '--grep', '@writes', '--reporter', 'line', '--workers', '1'];
    const env = { ...process.env, BASE_URL: base, E2E_GREP: grep, E2E_GREP_INVERT: grepInvert, E2E_ADMIN_PASSWORD: adminPassword, CI: '' };
    // As many journeys pass as the selection holds: none skipped, none left out.
    const listing = await runAsync(process.execPath, [...args, '--list'], env, 60_000);
    const selected = Number(/Total: (\d+) tests? in/.exec(listing.stdout)?.[1] ?? '0');
    expect(selected, listing.stdout + listing.stderr).toBeGreaterThanOrEqual(2);
    const result = await runAsync(process.execPath, args, env, 150_000);
    const passed = /(\d+) passed/.exec(result.stdout)?.[1] ?? '0';
    const writes = sent.filter((s) => !readMethods.has(s.method));
    console.log(`playwright ${grep} (writing journeys, desktop): exit ${result.status ?? 'signal'}, ${passed} journeys passed, ${writes.length} of ${sent.length} requests write`);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(Number(passed)).toBe(selected);
    expect(writes.map((s) => `${s.method} ${s.path.split('?')[0] ?? ''}`)).toEqual(expect.arrayContaining(['POST /checkout', 'POST /admin/login']));
  }, 180_000);
});
