import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { openPostgres } from '../../src/db/postgres.js';
import { testConfig } from './config.js';
import { createTestDatabase } from './database.js';

/**
 * Several app instances over one database, as replicas behind a load balancer: on PostgreSQL
 * each has its own connection pool; on PGlite (one process by nature) they share the instance.
 * `start` builds another (a new replica, or the same one after a restart); `stop` closes one.
 */
export interface ReplicaSet {
  db: Database;
  start(overrides?: Record<string, string>): Promise<FastifyInstance>;
  stop(app: FastifyInstance): Promise<void>;
  close(): Promise<void>;
}

export async function createReplicaSet(baseOverrides: Record<string, string> = {}): Promise<ReplicaSet> {
  const db = await createTestDatabase();
  const running = new Map<FastifyInstance, Database | null>();
  const stop = async (app: FastifyInstance) => {
    const pool = running.get(app);
    running.delete(app);
    await app.close();
    await pool?.close();
  };
  return {
    db,
    async start(overrides = {}) {
      const pool = db.url === undefined ? null : openPostgres({ connectionString: db.url, max: 5 });
      const app = await buildApp({ config: testConfig({ ...baseOverrides, ...overrides }), db: pool ?? db, logger: false });
      await app.ready();
      running.set(app, pool);
      return app;
    },
    stop,
    async close() {
      for (const app of [...running.keys()]) await stop(app);
      await db.close();
    },
  };
}
