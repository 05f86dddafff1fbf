import type { Database, Queryable } from '../database.js';
import { buildSeedCatalog, type SeedProduct } from './catalog.js';
import { seedVouchers } from './vouchers.js';

export { buildSeedCatalog } from './catalog.js';

export interface SeedReport {
  vendors: number;
  categories: number;
  products: number;
  vouchers: number;
}

// Distinct from the migration lock: two processes seeding at once wait for each other, and
// the second then finds products and does nothing.
const SEED_LOCK_KEY = 7_286_531;
// Multi-row INSERTs of this many rows stay far below the 65535 parameters a statement allows.
const rowsPerInsert = 200;

function placeholders(rowCount: number, columns: number, casts: readonly string[] = []): string {
  const rows: string[] = [];
  for (let row = 0; row < rowCount; row += 1) {
    const cells: string[] = [];
    for (let column = 0; column < columns; column += 1) cells.push(`$${row * columns + column + 1}${casts[column] ?? ''}`);
    rows.push(`(${cells.join(', ')})`);
  }
  return rows.join(', ');
}

async function insertInto(tx: Queryable, catalog: ReturnType<typeof buildSeedCatalog>): Promise<SeedReport> {
  // An existing vendor or category with the same slug is reused, so the seed can complete a
  // catalog that an admin started by hand; the no-op update makes RETURNING yield its id.
  const vendorRows = await tx.query<{ id: number; slug: string }>(
    `INSERT INTO vendors (slug, name, description, website, country) VALUES ${placeholders(catalog.vendors.length, 5)}
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug`,
    catalog.vendors.flatMap((v) => [v.slug, v.name, v.description, v.website, v.country]),
  );
  const categoryRows = await tx.query<{ id: number; slug: string }>(
    `INSERT INTO categories (slug, name, description, position) VALUES ${placeholders(catalog.categories.length, 4)}
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id, slug`,
    catalog.categories.flatMap((c, index) => [c.slug, c.name, c.description, index + 1]),
  );
  const vendorIds = new Map(vendorRows.rows.map((row) => [row.slug, row.id]));
  const categoryIds = new Map(categoryRows.rows.map((row) => [row.slug, row.id]));

  let products = 0;
  for (let start = 0; start < catalog.products.length; start += rowsPerInsert) {
    const chunk: SeedProduct[] = catalog.products.slice(start, start + rowsPerInsert);
    const params = chunk.flatMap((p) => [
      p.sku, p.slug, p.name, p.description, vendorIds.get(p.vendor), categoryIds.get(p.category),
      p.priceCents, p.stock, JSON.stringify(p.specs), p.createdAt.toISOString(), p.createdAt.toISOString(),
    ]);
    const result = await tx.query(
      `INSERT INTO products (sku, slug, name, description, vendor_id, category_id, price_cents, stock, specs, created_at, updated_at)
       VALUES ${placeholders(chunk.length, 11, ['', '', '', '', '::int', '::int', '::int', '::int', '::jsonb', '::timestamptz', '::timestamptz'])}
       ON CONFLICT DO NOTHING`,
      params,
    );
    products += result.rowCount;
  }

  const voucherResult = await tx.query(
    `INSERT INTO vouchers (code, description, kind, amount, min_total_cents, starts_at, ends_at, max_redemptions)
     VALUES ${placeholders(seedVouchers.length, 8, ['', '', '', '::int', '::int', '::timestamptz', '::timestamptz', '::int'])}
     ON CONFLICT (code) DO NOTHING`,
    seedVouchers.flatMap((v) => [v.code, v.description, v.kind, v.amount, v.minTotalCents, v.startsAt, v.endsAt, v.maxRedemptions]),
  );
  return { vendors: vendorRows.rowCount, categories: categoryRows.rowCount, products, vouchers: voucherResult.rowCount };
}

/** Loads the whole seed catalog in one transaction; rows that already exist are left alone. */
export async function seedCatalog(db: Database): Promise<SeedReport> {
  const catalog = buildSeedCatalog();
  return db.transaction((tx) => insertInto(tx, catalog));
}

/** Seeds only a catalog without products; true when it seeded. Safe to call from several processes. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const catalog = buildSeedCatalog();
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const { rows } = await tx.query<{ present: boolean }>('SELECT EXISTS (SELECT 1 FROM products) AS present');
    if (rows[0]?.present === true) return false;
    await insertInto(tx, catalog);
    return true;
  });
}
