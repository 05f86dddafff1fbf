import type { TestProject } from 'vitest/node';
import { migrate } from '../../src/db/migrate.js';
import { openPostgres } from '../../src/db/postgres.js';
import { startPostgresCluster } from './postgres-cluster.js';

export const templateDatabase = 'storefront_template';

// One real PostgreSQL server for the whole run; each test file gets its own database cloned
// from a migrated template, which PostgreSQL copies in milliseconds.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
  await admin.exec(`CREATE DATABASE ${templateDatabase}`);
  await admin.close();
  const template = openPostgres({ connectionString: cluster.url(templateDatabase), max: 1 });
  await migrate(template);
  await template.close();
  project.provide('testDatabase', { kind: 'postgres', port: cluster.port, template: templateDatabase });
  return () => cluster.stop();
}
