import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { startPostgresCluster } from '../../src/harness/index.js';

export const templateDatabase = 'storefront_template';

/**
 * A server the suite did not start: TEST_POSTGRES_URL, e.g. `postgresql://postgres:postgres@127.0.0.1:5432`
 * (CI's PostgreSQL service container). The role needs CREATEDB; the suite creates and drops
 * its own databases there and leaves the server running.
 */
function externalServer(): string | undefined {
  const raw = process.env.TEST_POSTGRES_URL;
  if (raw === undefined || raw === '') return undefined;
  const url = new URL(raw);
  url.pathname = '';
  return url.href.replace(/\/$/, '');
}

// One real PostgreSQL server for the whole run; each test file gets its own database cloned
// from a migrated template, which PostgreSQL copies in milliseconds.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = externalServer();
  const cluster = external === undefined ? await startPostgresCluster() : undefined;
  const server = external ?? cluster?.url('').replace(/\/$/, '') ?? '';
  const admin = openPostgres({ connectionString: `${server}/postgres`, max: 1 });
  // A reused external server may still hold the template of an earlier run.
  await admin.exec(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${templateDatabase}`);
  const template = openPostgres({ connectionString: `${server}/${templateDatabase}`, max: 1 });
  await migrate(template);
  await template.close();
  project.provide('testDatabase', { kind: 'postgres', server, template: templateDatabase });
  return async () => {
    if (cluster) {
      await admin.close();
      await cluster.stop();
      return;
    }
    await admin.exec(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.close();
  };
}
