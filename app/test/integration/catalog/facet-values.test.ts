import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { openPostgres } from '../../../src/db/postgres.js';
import { createRng } from '../../../src/db/seed/prng.js';
import { seedCatalog } from '../../../src/db/seed/index.js';
import { CatalogCache } from '../../../src/domain/catalog/catalog-cache.js';
import { listWithFacets } from '../../../src/domain/catalog/facet-listing.js';
import { refreshFacetValues } from '../../../src/domain/catalog/facet-values-refresh.js';
import type { ProductFilters } from '../../../src/domain/catalog/products.js';
import { CatalogSnapshot } from '../../../src/domain/catalog/snapshot.js';
import { specFacetKeys, specFacetRulesVersion } from '../../../src/domain/catalog/spec-facets.js';
import { createTestDatabase } from '../../support/database.js';
import { insertCategory, insertProduct, insertVendor } from '../../support/fixtures.js';


// The spec filter values stored with each product (migration 009): who marks them stale, when
// they are derived again, and that counting them in SQL answers what the in-memory snapshot
// counts, on the seed catalog and random selections.

interface Stored {
  facet_values: Record<string, { id: string }> | null;
  facet_values_version: number | null;
}

async function stored(db: Database, id: number): Promise<Stored> {
  const { rows } = await db.query<Stored>('SELECT facet_values, facet_values_version FROM products WHERE id = $1', [id]);
  return rows[0] as Stored;
}

describe('stored spec facet values', () => {
  let db: Database & { url?: string };
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalog(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('derives a new product\'s values before counting it, and filters the page by them', async () => {
    const vendor = await insertVendor(db);
    const category = await insertCategory(db, { slug: 'workstations-a', name: 'Workstations A' });
    const product = await insertProduct(db, { vendorId: vendor.id, categoryId: category.id, specs: { ram_gb: 384, cpu: 'AMD Ryzen 9 9950X' } });
    expect(await stored(db, product.id)).toEqual({ facet_values: null, facet_values_version: null });

    const listing = await listWithFacets(db, { category: 'workstations-a' });
    expect(listing.result.total).toBe(1);
    expect(listing.facets.specs.memory).toEqual([{ id: '384-gb', label: '384 GB', count: 1, selected: false }]);
    expect(listing.facets.specs.cpu).toEqual([{ id: 'amd-ryzen-9', label: 'AMD Ryzen 9', count: 1, selected: false }]);
    expect((await stored(db, product.id)).facet_values_version).toBe(specFacetRulesVersion);

    const filtered = await listWithFacets(db, { specs: { memory: ['384-gb'] } });
    expect(filtered.result.items.map((item) => item.id)).toEqual([product.id]);
    expect(filtered.result.total).toBe(1);
  });

  it('marks a product stale when its specs or category change, whoever writes them, and not for price or stock', async () => {
    const category = await insertCategory(db, { slug: 'workstations-b', name: 'Workstations B' });
    const product = await insertProduct(db, { categoryId: category.id, specs: { ram_gb: 16 } });
    await refreshFacetValues(db);
    await db.query('UPDATE products SET price_cents = price_cents + 1, stock = stock + 1 WHERE id = $1', [product.id]);
    expect((await stored(db, product.id)).facet_values?.memory?.id).toBe('16-gb');

    await db.query(`UPDATE products SET specs = '{"ram_gb": 64}' WHERE id = $1`, [product.id]);
    expect(await stored(db, product.id)).toEqual({ facet_values: null, facet_values_version: null });
    const listing = await listWithFacets(db, { category: 'workstations-b' });
    expect(listing.facets.specs.memory.map((option) => option.id)).toEqual(['64-gb']);

    // A drive's capacity is storage only in the storage category; moving it there changes its values.
    await db.query(`UPDATE products SET specs = '{"capacity_gb": 2000}' WHERE id = $1`, [product.id]);
    await refreshFacetValues(db);
    expect((await stored(db, product.id)).facet_values).toEqual({});
    await db.query(`UPDATE products SET category_id = (SELECT id FROM categories WHERE slug = 'storage') WHERE id = $1`, [product.id]);
    expect((await stored(db, product.id)).facet_values_version).toBeNull();
    await refreshFacetValues(db);
    expect((await stored(db, product.id)).facet_values?.storage?.id).toBe('2-tb');
  });

  it('marks a category\'s products stale when its slug changes', async () => {
    const category = await insertCategory(db, { slug: 'workstations-c', name: 'Workstations C' });
    const product = await insertProduct(db, { categoryId: category.id, specs: { ram_gb: 8 } });
    await refreshFacetValues(db);
    await db.query(`UPDATE categories SET name = 'Workstations C, renamed' WHERE id = $1`, [category.id]);
    expect((await stored(db, product.id)).facet_values_version).toBe(specFacetRulesVersion);
    await db.query(`UPDATE categories SET slug = 'workstations-c2' WHERE id = $1`, [category.id]);
    expect((await stored(db, product.id)).facet_values_version).toBeNull();
  });

  it('derives every product again when the rules\' version changes', async () => {
    await refreshFacetValues(db);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
    await db.query('UPDATE products SET facet_values_version = $1', [specFacetRulesVersion - 1]);
    expect(await refreshFacetValues(db)).toBe(rows[0]?.n);
    expect(await refreshFacetValues(db)).toBe(0);
  });

  it('announces a product whose specs change on catalog_changed, and not the refresh that derives its values', async () => {
    const product = await insertProduct(db, { specs: { ram_gb: 4 } });
    await refreshFacetValues(db);
    const heard: string[] = [];
    let listening!: () => void;
    const ready = new Promise<void>((resolve) => { listening = resolve; });
    const stop = await db.listen('catalog_changed', { onNotify: (payload) => heard.push(payload), onListening: () => { listening(); }, onLost: () => undefined });
    try {
      await ready;
      const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
      await db.query(`UPDATE products SET specs = '{"ram_gb": 6}' WHERE id = $1`, [product.id]);
      await db.query('UPDATE products SET stock = stock + 1 WHERE id = $1', [product.id]);
      await settle();
      expect(heard).toEqual([`p:${product.id}`, `p:${product.id}`]);
      expect(await refreshFacetValues(db)).toBe(1);
      await settle();
      expect(heard).toHaveLength(2);
      expect((await stored(db, product.id)).facet_values?.memory?.id).toBe('6-gb');
    } finally {
      await stop();
    }
  });

  it('counts in SQL what the in-memory snapshot counts, for random selections of the seed catalog', async () => {
    await refreshFacetValues(db);
    const snapshot = await CatalogSnapshot.load(db);
    const full = snapshot.listWithFacets({});
    const random = createRng(20261206);
    const pick = <T>(values: readonly T[], most: number): T[] => values.filter(() => random.next() < most / Math.max(1, values.length));
    const vendors = [...full.facets.vendors.keys()];
    const categories = [...full.facets.categories.keys()];
    for (let round = 0; round < 60; round += 1) {
      const filters: ProductFilters = {
        vendors: pick(vendors, 2),
        category: random.next() < 0.5 ? random.pick(categories) : undefined,
        specs: Object.fromEntries(specFacetKeys.map((key) => [key, pick(full.facets.specs[key].map((option) => option.id), 1.5)])),
        minPriceCents: random.next() < 0.3 ? 50_000 : undefined,
        maxPriceCents: random.next() < 0.3 ? 150_000 : undefined,
        inStock: random.next() < 0.3,
        sort: 'price_asc',
        page: 1 + Math.floor(random.next() * 2),
      };
      const fromMemory = snapshot.listWithFacets(filters);
      const fromSql = await listWithFacets(db, filters);
      expect({ round, facets: fromSql.facets, total: fromSql.result.total }).toEqual({ round, facets: fromMemory.facets, total: fromMemory.result.total });
      expect(fromSql.result.items.map((item) => item.id)).toEqual(fromMemory.result.items.map((item) => item.id));
    }
  });

  it('keeps the counts for the cache TTL when given the cache (CATALOG_SNAPSHOT=false), one entry per filter whatever its order', async () => {
    const cache = new CatalogCache(60_000);
    const vendorA = await insertVendor(db, { slug: 'cached-a' });
    const vendorB = await insertVendor(db, { slug: 'cached-b' });
    const category = await insertCategory(db, { slug: 'workstations-d', name: 'Workstations D' });
    await insertProduct(db, { vendorId: vendorA.id, categoryId: category.id, specs: { ram_gb: 32 } });
    const memory = async (vendors: string[]) =>
      (await listWithFacets(db, { category: 'workstations-d', vendors }, { counts: cache })).facets.specs.memory.map((option) => `${option.id} ${option.count}`);
    expect(await memory(['cached-a', 'cached-b'])).toEqual(['32-gb 1']);
    await insertProduct(db, { vendorId: vendorB.id, categoryId: category.id, specs: { ram_gb: 32 } });
    // Written behind the shop's back: the same filter, in another order, is still the cached count.
    expect(await memory(['cached-b', 'cached-a'])).toEqual(['32-gb 1']);
    cache.clear();
    expect(await memory(['cached-b', 'cached-a'])).toEqual(['32-gb 2']);
  });

  /** Runs `work` with a second pool on the same database, as another shop would hold; PostgreSQL only. */
  async function withAnotherShop(context: TestContext, work: (other: Database) => Promise<void>): Promise<void> {
    if (db.url === undefined) {
      context.skip('PGlite is one connection in one process');
      return;
    }
    const other = openPostgres({ connectionString: db.url, max: 2 });
    try {
      await work(other);
    } finally {
      await other.close();
    }
  }

  it('lets two shops refresh at once: no deadlock, each product derived once', async (context) => {
    await withAnotherShop(context, async (other) => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
      await db.query('UPDATE products SET facet_values_version = NULL');
      const derived = await Promise.all([refreshFacetValues(db), refreshFacetValues(other), refreshFacetValues(db)]);
      expect(derived.reduce((sum, n) => sum + n, 0)).toBe(rows[0]?.n);
    });
  });

  it('never writes values derived from specs an edit replaced while the refresh waited', async (context) => {
    await withAnotherShop(context, async (other) => {
      const product = await insertProduct(db, { specs: { ram_gb: 12 } });
      let refreshing: Promise<number> | undefined;
      await other.transaction(async (tx) => {
        await tx.query(`UPDATE products SET specs = '{"ram_gb": 24}' WHERE id = $1`, [product.id]);
        // The refresh finds the row locked by this edit and waits for it to commit.
        refreshing = refreshFacetValues(db);
        await new Promise((resolve) => setTimeout(resolve, 200));
      });
      await refreshing;
      expect((await stored(db, product.id)).facet_values?.memory?.id).toBe('24-gb');
    });
  });
});
