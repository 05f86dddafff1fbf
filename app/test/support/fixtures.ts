import type { Queryable } from '../../src/db/database.js';

// Small builders for test data, straight into the tables, so each test states the rows it
// relies on. Unique values come from a counter, so tests never collide inside one database.
let counter = 0;
function next(): number {
  counter += 1;
  return counter;
}

export interface VendorRow {
  id: number;
  slug: string;
  name: string;
}

export async function insertVendor(db: Queryable, values: Partial<{ slug: string; name: string; description: string; country: string; website: string }> = {}): Promise<VendorRow> {
  const n = next();
  const { rows } = await db.query<VendorRow>(
    'INSERT INTO vendors (slug, name, description, country, website) VALUES ($1, $2, $3, $4, $5) RETURNING id, slug, name',
    [values.slug ?? `vendor-${n}`, values.name ?? `Vendor ${n}`, values.description ?? `Maker number ${n}.`, values.country ?? 'US', values.website ?? null],
  );
  return rows[0] as VendorRow;
}

export interface CategoryRow {
  id: number;
  slug: string;
  name: string;
}

export async function insertCategory(db: Queryable, values: Partial<{ slug: string; name: string; description: string; position: number }> = {}): Promise<CategoryRow> {
  const n = next();
  const { rows } = await db.query<CategoryRow>(
    'INSERT INTO categories (slug, name, description, position) VALUES ($1, $2, $3, $4) RETURNING id, slug, name',
    [values.slug ?? `category-${n}`, values.name ?? `Category ${n}`, values.description ?? '', values.position ?? n],
  );
  return rows[0] as CategoryRow;
}

export interface ProductRow {
  id: number;
  sku: string;
  slug: string;
  name: string;
  price_cents: number;
  stock: number;
  vendor_id: number;
  category_id: number;
}

export interface ProductValues {
  sku: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  specs: Record<string, unknown>;
  active: boolean;
  vendorId: number;
  categoryId: number;
}

/** A product; vendor and category are created too unless their ids are given. */
export async function insertProduct(db: Queryable, values: Partial<ProductValues> = {}): Promise<ProductRow> {
  const n = next();
  const vendorId = values.vendorId ?? (await insertVendor(db)).id;
  const categoryId = values.categoryId ?? (await insertCategory(db)).id;
  const { rows } = await db.query<ProductRow>(
    `INSERT INTO products (sku, slug, name, description, vendor_id, category_id, price_cents, stock, specs, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     RETURNING id, sku, slug, name, price_cents, stock, vendor_id, category_id`,
    [
      values.sku ?? `SKU-${String(n).padStart(6, '0')}`,
      values.slug ?? `product-${n}`,
      values.name ?? `Product ${n}`,
      values.description ?? `Description of product ${n}.`,
      vendorId,
      categoryId,
      values.priceCents ?? 10_000,
      values.stock ?? 10,
      JSON.stringify(values.specs ?? {}),
      values.active ?? true,
    ],
  );
  return rows[0] as ProductRow;
}

export interface VoucherValues {
  code: string;
  kind: 'percent' | 'fixed';
  amount: number;
  minTotalCents: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxRedemptions: number | null;
  redemptions: number;
  active: boolean;
}

export interface VoucherRow {
  id: number;
  code: string;
}

export async function insertVoucher(db: Queryable, values: Partial<VoucherValues> = {}): Promise<VoucherRow> {
  const n = next();
  const { rows } = await db.query<VoucherRow>(
    `INSERT INTO vouchers (code, kind, amount, min_total_cents, starts_at, ends_at, max_redemptions, redemptions, active)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, code`,
    [
      values.code ?? `TEST${n}`,
      values.kind ?? 'percent',
      values.amount ?? 10,
      values.minTotalCents ?? 0,
      values.startsAt ?? null,
      values.endsAt ?? null,
      values.maxRedemptions ?? null,
      values.redemptions ?? 0,
      values.active ?? true,
    ],
  );
  return rows[0] as VoucherRow;
}
