import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { testConfig } from './config.js';
import { createTestDatabase } from './database.js';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * The whole app over a fresh migrated database, driven with app.inject() (no port bound).
 * Call once per file (beforeAll) and close in afterAll.
 */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const db = await createTestDatabase();
  // The expired-cart job would otherwise run at a random moment in the first minute and could
  // delete a cart a test has just aged on purpose; its own test starts it with a short timer.
  const app = await buildApp({ config, db, logger: false, cartPruning: { scheduled: false } });
  await app.ready();
  return {
    app,
    db,
    config,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
