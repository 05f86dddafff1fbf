import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run sast` audits the lockfile against the registry's advisory endpoint. Some registry
// mirrors answer that endpoint with an error; the gate must then say SKIPPED and exit with the
// "skipped" status, never print "pass". These tests point npm at a loopback registry that
// answers as such a mirror does (or as a registry with no advisories), and run the real script.

const root = path.resolve(import.meta.dirname, '..');
let mirror: Server;
let answer: { status: number; body: string } = { status: 405, body: '{"error":"Method Not Allowed"}' };
const requested: string[] = [];

beforeAll(async () => {
  mirror = createServer((request, response) => {
    requested.push(`${request.method ?? ''} ${request.url ?? ''}`);
    request.resume();
    request.on('end', () => {
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await new Promise((resolve) => mirror.close(resolve));
});

function runAudit(env: Record<string, string>): Promise<{ status: number; stdout: string }> {
  const { port } = mirror.address() as AddressInfo;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'scripts', 'sast.mjs'), 'audit'],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', npm_config_registry: `http://127.0.0.1:${String(port)}/`, GITHUB_ACTIONS: 'false', ...env },
        timeout: 60_000,
      },
      (error, stdout) => {
        resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout });
      },
    );
  });
}

// Each case starts npm itself (a few hundred ms idle, several seconds on a busy two-core machine).
describe('npm run sast: the dependency audit', { timeout: 30_000 }, () => {
  it('says SKIPPED and exits 77, not pass, when the registry has no advisory endpoint', async () => {
    answer = { status: 405, body: '{"error":"Method Not Allowed"}' };
    const { status, stdout } = await runAudit({});
    expect(requested.some((line) => line.startsWith('POST /-/npm/v1/security/'))).toBe(true);
    expect(status).toBe(77);
    expect(stdout).toMatch(/^sast: SKIPPED {2}npm audit/m);
    expect(stdout).not.toMatch(/^sast: pass/m);
  });

  it('fails the gate on GitHub Actions, where the public registry must answer', async () => {
    answer = { status: 405, body: '{"error":"Method Not Allowed"}' };
    const { status, stdout } = await runAudit({ GITHUB_ACTIONS: 'true' });
    expect(status).toBe(1);
    expect(stdout).toMatch(/^sast: FAIL {2}npm audit/m);
  });

  it('passes when the registry answers and reports no advisory', async () => {
    answer = { status: 200, body: '{}' };
    const { status, stdout } = await runAudit({});
    expect(stdout).toMatch(/^sast: pass {2}npm audit/m);
    expect(status).toBe(0);
  });
});
