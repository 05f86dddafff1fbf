import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openPglite } from '../../src/db/pglite.js';
import { openPostgres } from '../../src/db/postgres.js';

/** Which server this test run uses: the vitest project decides (app-pglite, app-postgres). */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return inject('testDatabase').kind;
}

/**
 * A fresh, migrated, empty database of the kind this project tests, dropped on close.
 * PGlite: a copy of the prepared data directory. PostgreSQL: a new database from the template.
 */
export async function createTestDatabase(options: { poolMax?: number } = {}): Promise<Database & { url?: string }> {
  const provided = inject('testDatabase');
  if (provided.kind === 'pglite') {
    const tarball = readFileSync(provided.template);
    return openPglite({ loadDataDir: new Blob([tarball]) });
  }
  const name = `test_${randomBytes(6).toString('hex')}`;
  const base = provided.server;
  const admin = openPostgres({ connectionString: `${base}/postgres`, max: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${provided.template}`);
  const url = `${base}/${name}`;
  const db = openPostgres({ connectionString: url, max: options.poolMax ?? 10 });
  return {
    ...db,
    url,
    async close() {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}

/**
 * A fresh database of this project's kind with no migration applied, dropped on close: for
 * tests that apply migrations themselves (data written by an older schema, then migrated).
 */
export async function createEmptyDatabase(): Promise<Database> {
  const provided = inject('testDatabase');
  if (provided.kind === 'pglite') return openPglite({});
  const name = `test_empty_${randomBytes(6).toString('hex')}`;
  const admin = openPostgres({ connectionString: `${provided.server}/postgres`, max: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE template0`);
  const db = openPostgres({ connectionString: `${provided.server}/${name}`, max: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
