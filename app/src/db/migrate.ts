import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './database.js';

/** app/migrations, from both src/db (tests) and dist/db (built). */
export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

// Any constant works as long as every migrator agrees on it: 'sfmi' in ASCII.
const MIGRATION_LOCK_KEY = 0x73666d69;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const fileName = /^(\d{3,})_([a-z0-9_]+)\.sql$/;

export async function readMigrations(dir: string = migrationsDir): Promise<Migration[]> {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the migrations folder, not user input
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = fileName.exec(file);
    if (!match?.[1] || !match[2]) throw new Error(`migration file name ${file} does not match NNN_name.sql`);
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- a file listed from the migrations folder
    const sql = await readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2],
      sql,
      checksum: createHash('sha256').update(sql).digest('hex'),
    });
  }
  const versions = new Set<number>();
  for (const migration of migrations) {
    if (versions.has(migration.version)) throw new Error(`two migrations share version ${migration.version}`);
    versions.add(migration.version);
  }
  return migrations;
}

export interface MigrationReport {
  applied: Migration[];
  alreadyApplied: number;
}

/**
 * Applies pending migrations in one transaction under a transaction-scoped advisory lock, so
 * replicas or Jobs that start together apply each migration exactly once and a failure leaves
 * the schema as it was. An applied migration whose file changed since is refused: history
 * is fixed by a new migration, never by editing an old one.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<MigrationReport> {
  const all = migrations ?? (await readMigrations());
  return db.transaction(async (tx) => {
    // The shop's statement timeout must not cut a long index build or the wait for another
    // migrator's lock; it comes back with the transaction's end.
    await tx.exec('SET LOCAL statement_timeout = 0');
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      checksum   text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    const done = new Map(rows.map((row) => [row.version, row]));
    for (const migration of all) {
      const previous = done.get(migration.version);
      if (previous && previous.checksum !== migration.checksum) {
        throw new Error(`migration ${migration.version}_${migration.name} was changed after it was applied; add a new migration instead`);
      }
    }
    const applied: Migration[] = [];
    for (const migration of all) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      applied.push(migration);
    }
    return { applied, alreadyApplied: done.size };
  });
}
