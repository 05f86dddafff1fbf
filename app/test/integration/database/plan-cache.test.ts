import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { openPostgres, type PlanCacheMode } from '../../../src/db/postgres.js';
import { listProductCards } from '../../../src/domain/catalog/products.js';
import { insertCatalogFixture } from '../../support/catalog-fixtures.js';
import { createTestDatabase, testDatabaseKind } from '../../support/database.js';

interface PreparedStats {
  generic_plans: number;
  custom_plans: number;
}

// PGlite has no connection options and plans every query afresh: this is PostgreSQL's business.
describe.runIf(testDatabaseKind() === 'postgres')('plan cache mode of the shop\'s PostgreSQL connections', () => {
  let db: Database & { url?: string };
  let url: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    await insertCatalogFixture(db);
    if (db.url === undefined) throw new Error('a PostgreSQL test database has a URL');
    url = db.url;
  });
  afterAll(async () => {
    await db.close();
  });

  /** Runs the catalog listing ten times on one connection and reads that connection's plan counts. */
  async function listingPlans(mode: PlanCacheMode | undefined): Promise<{ setting: string; stats: PreparedStats }> {
    const one = openPostgres({ connectionString: url, max: 1, ...(mode === undefined ? {} : { planCacheMode: mode }) });
    try {
      for (let page = 1; page <= 10; page += 1) await listProductCards(one, { page, pageSize: 2 });
      const setting = (await one.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]?.plan_cache_mode ?? '';
      const { rows } = await one.query<PreparedStats>(
        "SELECT generic_plans::int, custom_plans::int FROM pg_prepared_statements WHERE statement LIKE 'SELECT p.id, p.slug%ORDER BY p.created_at DESC%'",
      );
      expect(rows).toHaveLength(1);
      return { setting, stats: rows[0] as PreparedStats };
    } finally {
      await one.close();
    }
  }

  it('by default plans the listing once and reuses that plan on every execution', async () => {
    const { setting, stats } = await listingPlans(undefined);
    expect(setting).toBe('force_generic_plan');
    expect(stats).toEqual({ generic_plans: 10, custom_plans: 0 });
  });

  it('takes another mode from the config: under auto, PostgreSQL plans executions afresh (at least the first five)', async () => {
    const { setting, stats } = await listingPlans('auto');
    expect(setting).toBe('auto');
    expect(stats.custom_plans).toBeGreaterThanOrEqual(5);
    expect(stats.generic_plans + stats.custom_plans).toBe(10);
  });
});
