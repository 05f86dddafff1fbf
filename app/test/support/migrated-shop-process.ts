import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { testAdminPasswordHash } from './config.js';
import { freePort, startProcess, waitForOk, type ServerProcess } from './server-process.js';

export interface MigratedShop {
  port: number;
  url: string;
  server: ServerProcess;
  /** SIGKILL if still running, then delete the data directory. */
  dispose(): Promise<void>;
}

/**
 * The compiled server on a fresh embedded database, migrated at start, with `env` on top of
 * the settings every process test needs; resolves once /readyz answers 200.
 */
export async function startMigratedShop(env: Record<string, string>): Promise<MigratedShop> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-edge-'));
  const port = await freePort();
  const server = startProcess('server.js', {
    PORT: String(port),
    METRICS_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    MIGRATE_ON_START: 'true',
    SESSION_SECRET: 'edge-test-session-secret-0123456789abcdef',
    ADMIN_PASSWORD_HASH: testAdminPasswordHash,
    RATE_LIMIT_MAX: '1000000',
    ...env,
  });
  const dispose = async (): Promise<void> => {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${String(port)}`;
  try {
    await waitForOk(`${url}/readyz`, 45_000);
  } catch (error) {
    await dispose();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${server.stderr()}`, { cause: error });
  }
  return { port, url, server, dispose };
}
