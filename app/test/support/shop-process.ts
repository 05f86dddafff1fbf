import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { hashPassword } from '../../src/domain/admin/password.js';
import { appDir, freePort, waitForOk } from './server-process.js';

export interface ShopProcess {
  url: string;
  /** Its metrics endpoint (/metrics on METRICS_PORT). */
  metricsUrl: string;
  /** The process id, to read its memory from /proc. */
  pid: number;
  /** Milliseconds from spawn to the first 200 from /readyz. */
  readyMs: number;
  /** SIGTERM, then SIGKILL if the shop has not exited within 15 s. */
  stop(): Promise<void>;
}

export interface ShopProcessOptions {
  /** The database (DATABASE_URL or DATA_DIR) and any other settings; they win over the defaults. */
  env: Record<string, string>;
  /** Where the shop's logs go; 'ignore' keeps a long load run from filling a buffer. */
  output?: 'ignore' | 'inherit';
  /** Options for node before the script, e.g. the image's tracing preload. */
  nodeArgs?: readonly string[];
}

/**
 * The compiled shop (app/dist/server.js) as its own process on free loopback ports, with
 * secrets made up for the run, for the benchmark and the load runner. Resolves once /readyz
 * answers 200; fails at once if the process exits before that.
 */
export async function startShopProcess(options: ShopProcessOptions): Promise<ShopProcess> {
  const port = await freePort();
  const metricsPort = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(appDir, 'dist', 'server.js')], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      HOST: '127.0.0.1',
      // Every simulated client comes from 127.0.0.1: the default 600 per minute would turn a
      // load run into a rate-limit test.
      RATE_LIMIT_MAX: '100000000',
      // No endpoints to drain from: stop() should not wait for the cluster's drain delay.
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      ADMIN_PASSWORD_HASH: hashPassword(randomBytes(16).toString('hex'), { log2N: 12 }),
      ...options.env,
    },
    stdio: ['ignore', options.output ?? 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const outcome = await Promise.race([
    waitForOk(`${url}/readyz`, 60_000).then(
      () => 'ready' as const,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    ),
    exited.then(() => new Error(`the shop exited with code ${String(child.exitCode)} before it was ready`)),
  ]);
  if (outcome !== 'ready') {
    await stop();
    throw outcome;
  }
  return { url, metricsUrl: `http://127.0.0.1:${metricsPort}/metrics`, pid: child.pid ?? 0, readyMs: performance.now() - started, stop };
}
