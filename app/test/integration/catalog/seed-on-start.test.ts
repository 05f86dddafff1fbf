import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../../src/server.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase } from '../../support/database.js';
import { freePort } from '../../../src/harness/index.js';

describe('SEED_ON_START', () => {
  // A cold PGlite start, every migration and the whole seed in one test: allow for a slow machine.
  it('loads the seed catalog into an empty database before the server answers', { timeout: 90_000 }, async () => {
    // PostgreSQL: a fresh migrated database of the suite's server. PGlite: an empty data folder.
    const db = await createTestDatabase();
    let dataDir: string | undefined;
    if (db.url === undefined) {
      await db.close();
      dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-seed-'));
    }
    const config = testConfig({
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      MIGRATE_ON_START: 'true',
      SEED_ON_START: 'true',
      ...(db.url === undefined ? { DATA_DIR: dataDir ?? '' } : { DATABASE_URL: db.url }),
    });
    const server = await startServer(config);
    try {
      const response = await fetch(`${server.url}/api/v1/vendors`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { items: { productCount: number }[] };
      expect(body.items).toHaveLength(12);
      expect(body.items.reduce((sum, vendor) => sum + vendor.productCount, 0)).toBeGreaterThanOrEqual(320);
    } finally {
      await server.stop('test finished');
      if (db.url !== undefined) await db.close();
      if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
