import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentRecord, DataDirInUseError, lockDataDir, lockFileName } from '../../src/db/data-dir-lock.js';
import { testAdminPasswordHash } from '../support/config.js';
import { startShopProcess, waitForOk, type ShopProcess } from '../../src/harness/index.js';
import { startCliProcess, type CliProcess } from '../support/cli-process.js';

// Two PGlite processes on one DATA_DIR corrupt it, so the second must refuse to start: at once,
// with exit code 1 and one line naming the directory and the process that holds it. A lock left
// by a killed process must not keep the shop down: the next start takes it over.

const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-lock-'));
const lockFile = path.join(dataDir, lockFileName);
const started: ShopProcess[] = [];
afterAll(() => {
  for (const server of started) server.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

async function startShop(): Promise<{ server: ShopProcess; url: string }> {
  const server = await startShopProcess({
    env: {
      // Readiness needs the database to answer, not a schema: skipping migrations keeps this fast.
      DATA_DIR: dataDir,
      SESSION_SECRET: 'lock-test-session-secret-0123456789abcdef',
      ADMIN_PASSWORD_HASH: testAdminPasswordHash,
      LOG_LEVEL: 'error',
    },
    output: 'capture',
    // The second start is meant to fail: the test waits for readiness or the exit itself.
    waitUntilReady: false,
  });
  started.push(server);
  return { server, url: server.url };
}

/** Exit code and time to exit, or 'still running' after 15 s. */
async function exitOf(server: ShopProcess | CliProcess): Promise<{ code: number | null | 'still running'; ms: number }> {
  const begun = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const code = await Promise.race([server.exited, new Promise<'still running'>((resolve) => (timer = setTimeout(() => { resolve('still running'); }, 15_000)))]);
  clearTimeout(timer);
  return { code, ms: performance.now() - begun };
}

describe('one embedded database directory, one process', () => {
  it('refuses a second server and the CLIs while the first runs, and takes over the lock of a killed one', async () => {
    const first = await startShop();
    const firstReadyMs = await waitForOk(`${first.url}/readyz`, 45_000);
    console.log(`lock: first server ready in ${Math.round(firstReadyMs)} ms`);
    const holder = first.server.child.pid;

    const second = await startShop();
    const refusedServer = await exitOf(second.server);
    const migrateCli = startCliProcess('migrate', { DATA_DIR: dataDir });
    const seedCli = startCliProcess('seed', { DATA_DIR: dataDir });
    const refusedMigrate = await exitOf(migrateCli);
    const refusedSeed = await exitOf(seedCli);
    const refusal = (stderr: string): boolean => {
      const lines = stderr.trim().split('\n');
      const line = lines[0] ?? '';
      return lines.length === 1 && line.includes(`: DATA_DIR ${dataDir} is in use by process ${String(holder)} (started `) && line.endsWith('; stop it or choose another DATA_DIR');
    };

    console.log(`lock: second server exited with ${String(refusedServer.code)} after ${Math.round(refusedServer.ms)} ms: ${second.server.stderr().trim()}`);
    console.log(`lock: migrate exited with ${String(refusedMigrate.code)} after ${Math.round(refusedMigrate.ms)} ms, seed with ${String(refusedSeed.code)} after ${Math.round(refusedSeed.ms)} ms`);
    expect(refusedServer.code).toBe(1);
    expect(refusal(second.server.stderr()), second.server.stderr()).toBe(true);
    expect(refusedServer.ms).toBeLessThan(5_000);
    expect(refusedMigrate.code).toBe(1);
    expect(refusal(migrateCli.stderr()), migrateCli.stderr()).toBe(true);
    expect(refusedSeed.code).toBe(1);
    expect(refusal(seedCli.stderr()), seedCli.stderr()).toBe(true);
    // The first one never noticed.
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

    first.server.child.kill('SIGKILL');
    await first.server.exited;
    expect(existsSync(lockFile)).toBe(true);
    const third = await startShop();
    const takeoverMs = await waitForOk(`${third.url}/readyz`, 45_000);
    console.log(`lock: after SIGKILL of the holder, a new server took over the stale lock and was ready in ${Math.round(takeoverMs)} ms`);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: third.server.child.pid });

    third.server.child.kill('SIGTERM');
    expect(await third.server.exited).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
  });

  it('tells a reused pid from its holder by start time, and refuses a second open in the same process', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'storefront-lock-unit-'));
    try {
      // A container restarted on the same host: the lock names our pid, but an earlier start.
      const me = currentRecord();
      writeFileSync(path.join(dir, lockFileName), JSON.stringify({ ...me, startTicks: (me.startTicks ?? 1) - 1, startedAt: 'earlier' }));
      const lock = await lockDataDir(dir);
      await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(dir)).rejects.toThrow(`is in use by process ${process.pid}`);
      await lock.release();
      expect(existsSync(path.join(dir, lockFileName))).toBe(false);
      // Two takers of one stale lock at once: exactly one wins.
      writeFileSync(path.join(dir, lockFileName), JSON.stringify({ ...me, pid: 2 ** 22 + 12_345, startedAt: 'long ago' }));
      const outcomes = await Promise.allSettled([lockDataDir(dir), lockDataDir(dir)]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => String(outcome.reason))).toEqual([expect.stringContaining('is in use by process')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
