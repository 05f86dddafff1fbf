import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.js';
import { openPglite } from '../../src/db/pglite.js';

// Starting PGlite and migrating takes seconds; loading a prepared data directory takes half a
// second. So the migrated database is built once here and every test file starts from a copy.
export default async function setup(project: TestProject): Promise<() => void> {
  const db = await openPglite({});
  await migrate(db);
  const dump = await db.pglite.dumpDataDir('none');
  await db.close();
  const dir = mkdtempSync(path.join(tmpdir(), 'storefront-pglite-'));
  const file = path.join(dir, 'migrated.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDatabase', { kind: 'pglite', template: file });
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
