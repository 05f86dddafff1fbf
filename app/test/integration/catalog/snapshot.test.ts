import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Database } from '../../../src/db/database.js';
import { seedCatalog } from '../../../src/db/seed/index.js';
import { testConfig } from '../../support/config.js';
import { createTestDatabase } from '../../support/database.js';

// The in-memory catalog must answer exactly what the database answers: the same app is built
// twice on one database, with and without the snapshot, and every page is compared byte for byte.
describe('catalog snapshot', () => {
  let db: Database;
  let fromSnapshot: FastifyInstance;
  let fromDatabase: FastifyInstance;
  let slugs: { product: string; vendor: string; category: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalog(db);
    fromSnapshot = await buildApp({ config: testConfig({ CATALOG_SNAPSHOT: 'true' }), db, logger: false });
    fromDatabase = await buildApp({ config: testConfig(), db, logger: false });
    await fromSnapshot.catalogSync?.whenUsable();
    const { rows } = await db.query<{ product: string; vendor: string; category: string }>(
      `SELECT p.slug AS product, v.slug AS vendor, c.slug AS category FROM products p
       JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id WHERE p.active ORDER BY p.id LIMIT 1`,
    );
    const first = rows[0];
    if (first === undefined) throw new Error('the seed catalog is empty');
    slugs = first;
  });
  afterAll(async () => {
    await fromSnapshot.close();
    await fromDatabase.close();
    await db.close();
  });

  const urls = () => [
    '/',
    '/products',
    '/products?page=2',
    '/products?sort=price_asc&page=3',
    '/products?sort=price_desc',
    '/products?sort=name&page=2',
    '/products?inStock=true&min=100&max=900',
    `/products?vendor=${slugs.vendor}&category=${slugs.category}`,
    '/products?page=999',
    '/search?q=gaming+laptop',
    '/search?q=ssd&sort=price_asc',
    // Facet counts and spec filters: computed in memory on one side, from SQL rows on the other.
    '/products?memory=16-gb&sort=price_asc',
    // The same filters in another order and page: the snapshot reuses its facet counts.
    '/products?memory=16-gb&sort=name&page=2',
    '/products?memory=16-gb&inStock=true',
    '/products?category=laptops&cpu=intel-core-i7,intel-core-ultra-7&screen=14-16&vendor=dell',
    '/products?storage=1-tb&storage=2-tb&inStock=true&max=2000&page=2',
    '/products?gpu=nvidia-geforce-rtx-4070&memory=64-gb&memory=128-gb',
    '/categories/memory?memory=32-gb&sort=name',
    '/vendors/apple?cpu=apple-m4-pro&sort=price_desc',
    '/search?q=gaming+laptop&gpu=nvidia-geforce-rtx-4060&memory=16-gb',
    '/search?q=oled&screen=27-32',
    `/products/${slugs.product}`,
    '/vendors',
    `/vendors/${slugs.vendor}`,
    `/vendors/${slugs.vendor}?sort=name&inStock=true`,
    `/categories/${slugs.category}`,
    `/categories/${slugs.category}?vendor=${slugs.vendor}&sort=price_desc`,
    '/api/v1/products',
    '/api/v1/products?sort=name&pageSize=100&page=2',
    `/api/v1/products?vendor=${slugs.vendor}&inStock=true&minPriceCents=5000`,
    '/api/v1/products?q=monitor',
    `/api/v1/products/${slugs.product}`,
    '/api/v1/vendors',
    `/api/v1/vendors/${slugs.vendor}`,
    '/api/v1/categories',
    `/api/v1/categories/${slugs.category}`,
    '/products/no-such-product',
    '/api/v1/products/no-such-product',
  ];

  it('answers every catalog page and API read exactly as the database does', async () => {
    expect(fromSnapshot.catalogSync?.current?.productCount).toBeGreaterThan(100);
    for (const url of urls()) {
      const [cached, fresh] = await Promise.all([fromSnapshot.inject({ url }), fromDatabase.inject({ url })]);
      expect({ url, status: cached.statusCode }).toEqual({ url, status: fresh.statusCode });
      expect({ url, status: fresh.statusCode }).toEqual({ url, status: url.includes('no-such-') ? 404 : 200 });
      expect({ url, body: cached.body }).toEqual({ url, body: fresh.body });
    }
  });

  it('follows a committed change, a rename and a deactivation within a second', async () => {
    const url = `/products/${slugs.product}`;
    const until = async (condition: () => Promise<boolean>): Promise<number> => {
      const started = performance.now();
      while (!(await condition())) {
        if (performance.now() - started > 1_000) throw new Error('the snapshot did not follow within 1 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return performance.now() - started;
    };
    await db.query('UPDATE products SET price_cents = 123457, stock = 3 WHERE slug = $1', [slugs.product]);
    await until(async () => (await fromSnapshot.inject({ url })).body.includes('$1,234.57'));
    expect((await fromSnapshot.inject({ url })).body).toBe((await fromDatabase.inject({ url })).body);

    await db.query('UPDATE products SET name = $2 WHERE slug = $1', [slugs.product, 'Renamed In Place 9000']);
    await until(async () => (await fromSnapshot.inject({ url })).body.includes('Renamed In Place 9000'));
    // A new name takes a new place in the name order, which only the database knows.
    expect((await fromSnapshot.inject({ url: '/products?sort=name' })).body).toBe((await fromDatabase.inject({ url: '/products?sort=name' })).body);

    await db.query('UPDATE vendors SET name = $2 WHERE slug = $1', [slugs.vendor, 'Vendor Renamed']);
    await until(async () => (await fromSnapshot.inject({ url: '/vendors' })).body.includes('Vendor Renamed'));

    await db.query('UPDATE products SET active = false WHERE slug = $1', [slugs.product]);
    await until(async () => (await fromSnapshot.inject({ url })).statusCode === 404);
    for (const other of urls()) expect({ other, body: (await fromSnapshot.inject({ url: other })).body }).toEqual({ other, body: (await fromDatabase.inject({ url: other })).body });
  });

  it('never hears of a rolled-back change', async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = fromSnapshot.catalogSync?.current;
    await db.transaction(async (tx) => {
      await tx.query('UPDATE products SET price_cents = price_cents + 1');
      throw new Error('roll back');
    }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fromSnapshot.catalogSync?.current).toBe(before);
  });
});
