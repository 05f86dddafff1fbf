import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { makeLocalSecrets } from './local-secrets.js';
import { waitForOk } from './wait-for-ok.js';

// The compiled shop (dist/cli/serve.js, the image's entry) as a process of its own, for tests
// and tools. Its environment is built from scratch, PATH aside, so a DATABASE_URL or another
// setting in the caller's shell cannot point a run elsewhere.

/** The app folder: two levels above this file both as source (src/harness) and compiled (dist/harness). */
export const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const serveScript = path.join(appDir, 'dist', 'cli', 'serve.js');

export interface ShopProcessOptions {
  /** Settings (the database: DATABASE_URL or DATA_DIR, and anything else); they win over the defaults. */
  env?: Record<string, string>;
  /**
   * true (default): free loopback ports, a made-up session secret and admin password, no drain
   * delay, a rate limit no single test client reaches, under `env`. false: exactly `env`, for
   * tests of how the shop handles its own settings.
   */
  defaults?: boolean;
  /**
   * Where the shop's logs go. 'quiet' (default): stdout dropped, stderr to this process's;
   * 'inherit': both to this process's; 'capture': both kept for stdout() and stderr().
   */
  output?: 'quiet' | 'inherit' | 'capture';
  /** Options for node before the script, e.g. the image's tracing preload. */
  nodeArgs?: readonly string[];
  /** Resolve once /readyz answers 200 (default), failing if the process exits first; false resolves at once. */
  waitUntilReady?: boolean;
  /** How long to wait for readiness; default 60 s. */
  readyTimeoutMs?: number;
}

export interface ShopProcess {
  /** http://127.0.0.1:<PORT>. */
  url: string;
  /** PORT, for tests that talk raw HTTP to it. */
  port: number;
  /** Its metrics endpoint (/metrics on METRICS_PORT). */
  metricsUrl: string;
  /** The admin password the made-up ADMIN_PASSWORD_HASH belongs to; undefined when `env` or `defaults: false` set the hash. */
  adminPassword: string | undefined;
  child: ChildProcess;
  /** The process id, to read its memory from /proc. */
  pid: number;
  /** Milliseconds from spawn to the first 200 from /readyz; NaN when not waited for. */
  readyMs: number;
  /** Its exit code (null when a signal ended it), once it has exited. */
  exited: Promise<number | null>;
  /** What it wrote, with output 'capture'; empty otherwise. */
  stdout: () => string;
  stderr: () => string;
  /** True while it has neither exited nor been killed by a signal. */
  running: () => boolean;
  /** SIGTERM (its graceful stop), then SIGKILL if it has not exited within 15 s. */
  stop: () => Promise<void>;
  /** SIGKILL, as a crash; resolves once it has exited. */
  kill: () => Promise<void>;
}

async function defaultEnv(env: Record<string, string>): Promise<{ env: Record<string, string>; adminPassword: string | undefined }> {
  const secrets = makeLocalSecrets({ scryptLog2N: 12 });
  const madeUpHash = env.ADMIN_PASSWORD_HASH === undefined;
  return {
    env: {
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      // Every client of a test comes from 127.0.0.1: the default 600 per minute would turn a
      // load run into a rate-limit test.
      RATE_LIMIT_MAX: '100000000',
      // No endpoints to drain from: stopping should not wait for the cluster's drain delay.
      SHUTDOWN_DRAIN_DELAY_MS: '0',
      ...secrets.env,
      ...env,
    },
    adminPassword: madeUpHash ? secrets.adminPassword : undefined,
  };
}

const stdioOf = { quiet: ['ignore', 'ignore', 'inherit'], inherit: ['ignore', 'inherit', 'inherit'], capture: ['ignore', 'pipe', 'pipe'] } as const;

/** Starts the compiled shop; see ShopProcessOptions for what it gets and when this resolves. */
export async function startShopProcess(options: ShopProcessOptions = {}): Promise<ShopProcess> {
  if (!existsSync(serveScript)) throw new Error(`${path.relative(process.cwd(), serveScript)} is missing: build the app first (npm run build)`);
  const { env, adminPassword } = options.defaults === false ? { env: options.env ?? {}, adminPassword: undefined } : await defaultEnv(options.env ?? {});
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), serveScript], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: [...stdioOf[options.output ?? 'quiet']],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => { resolve(code); }));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async (): Promise<void> => {
    if (!running()) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  const kill = async (): Promise<void> => {
    if (running()) child.kill('SIGKILL');
    await exited;
  };
  const host = env.HOST === undefined || env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  const url = `http://${host}:${env.PORT ?? '3000'}`;
  const shop: ShopProcess = {
    url,
    port: Number(env.PORT ?? '3000'),
    metricsUrl: `http://${host}:${env.METRICS_PORT ?? '9464'}/metrics`,
    adminPassword,
    child,
    pid: child.pid ?? 0,
    readyMs: Number.NaN,
    exited,
    stdout: () => out,
    stderr: () => err,
    running,
    stop,
    kill,
  };
  if (options.waitUntilReady === false) return shop;

  const outcome = await Promise.race([
    waitForOk(`${url}/readyz`, options.readyTimeoutMs ?? 60_000).then(
      () => 'ready' as const,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    ),
    exited.then((code) => new Error(`the shop exited with code ${String(code)} before it was ready`)),
  ]);
  if (outcome !== 'ready') {
    await kill();
    throw new Error(err === '' ? outcome.message : `${outcome.message}\n${err.trim()}`, { cause: outcome });
  }
  shop.readyMs = performance.now() - started;
  return shop;
}
