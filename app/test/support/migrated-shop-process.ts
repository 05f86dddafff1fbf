import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startShopProcess, type ShopProcess } from '../../src/harness/index.js';
import { testAdminPasswordHash } from './config.js';

export interface MigratedShop {
  port: number;
  url: string;
  server: ShopProcess;
  /** SIGKILL if still running, then delete the data directory. */
  dispose(): Promise<void>;
}

/**
 * The compiled server on a fresh embedded database, migrated at start, with `env` on top of
 * the settings every process test needs; resolves once /readyz answers 200.
 */
export async function startMigratedShop(env: Record<string, string>): Promise<MigratedShop> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-edge-'));
  let server: ShopProcess;
  try {
    server = await startShopProcess({
      env: {
        DATA_DIR: dataDir,
        MIGRATE_ON_START: 'true',
        SESSION_SECRET: 'edge-test-session-secret-0123456789abcdef',
        ADMIN_PASSWORD_HASH: testAdminPasswordHash,
        RATE_LIMIT_MAX: '1000000',
        ...env,
      },
      output: 'capture',
      readyTimeoutMs: 45_000,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const dispose = async (): Promise<void> => {
    await server.kill();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { port: server.port, url: server.url, server, dispose };
}
