import type { Database, Queryable } from '../../db/database.js';
import { lowStockThreshold } from '../catalog/stock.js';
import { NotFoundError, ValidationError } from '../domain-errors.js';
import { created, diff, writeAudit, type AuditContext } from './audit.js';
import { rethrowDuplicate } from './conflicts.js';

export type SpecValue = string | number | boolean;

export interface ProductFields {
  sku: string;
  slug: string;
  name: string;
  description: string;
  vendor: string;
  category: string;
  priceCents: number;
  stock: number;
  active: boolean;
  specs: Record<string, SpecValue>;
}

export interface AdminProduct extends ProductFields {
  id: number;
  vendorName: string;
  categoryName: string;
  createdAt: Date;
  updatedAt: Date;
}

const selectProduct = `SELECT p.id, p.sku, p.slug, p.name, p.description, v.slug AS vendor, v.name AS "vendorName",
       c.slug AS category, c.name AS "categoryName", p.price_cents AS "priceCents", p.stock, p.active, p.specs,
       p.created_at AS "createdAt", p.updated_at AS "updatedAt"
  FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id`;

const duplicateFields = { sku: 'sku', slug: 'slug' };

export type ProductKey = { id: number } | { sku: string };

function where(key: ProductKey): [string, unknown] {
  return 'id' in key ? ['p.id = $1', key.id] : ['p.sku = $1', key.sku];
}

export async function findProduct(db: Queryable, key: ProductKey): Promise<AdminProduct | null> {
  const [condition, value] = where(key);
  const { rows } = await db.query<AdminProduct>(`${selectProduct} WHERE ${condition}`, [value]);
  return rows[0] ?? null;
}

export async function getProduct(db: Queryable, key: ProductKey): Promise<AdminProduct> {
  const product = await findProduct(db, key);
  if (product === null) throw new NotFoundError('product');
  return product;
}

export interface ProductPage {
  items: AdminProduct[];
  total: number;
}

/** Newest first; `search` matches part of the name or SKU, case-insensitively. */
export async function listProducts(db: Queryable, options: { search?: string; page: number; pageSize: number }): Promise<ProductPage> {
  const search = options.search?.trim() ?? '';
  // position() instead of LIKE so `%` and `_` typed by the admin are plain characters.
  const filter = search === '' ? 'TRUE' : '(position(lower($3) in lower(p.name)) > 0 OR position(upper($3) in p.sku) > 0)';
  const params: unknown[] = [options.pageSize, (options.page - 1) * options.pageSize];
  if (search !== '') params.push(search);
  const { rows } = await db.query<AdminProduct>(`${selectProduct} WHERE ${filter} ORDER BY p.created_at DESC, p.id DESC LIMIT $1 OFFSET $2`, params);
  const countFilter = filter.replaceAll('$3', '$1');
  const count = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM products p WHERE ${countFilter}`, search === '' ? [] : [search]);
  return { items: rows, total: count.rows[0]?.total ?? 0 };
}

export interface LowStockProduct {
  id: number;
  sku: string;
  name: string;
  stock: number;
}

/** Products shown in the shop with `lowStockThreshold` or fewer units, emptiest first. */
export async function listLowStock(db: Queryable, limit: number): Promise<LowStockProduct[]> {
  const { rows } = await db.query<LowStockProduct>(
    'SELECT id, sku, name, stock FROM products WHERE active AND stock <= $1 ORDER BY stock, name, id LIMIT $2',
    [lowStockThreshold, limit],
  );
  return rows;
}

async function referenceIds(db: Queryable, vendor: string, category: string): Promise<{ vendorId: number; categoryId: number }> {
  const vendors = await db.query<{ id: number }>('SELECT id FROM vendors WHERE slug = $1', [vendor]);
  const categories = await db.query<{ id: number }>('SELECT id FROM categories WHERE slug = $1', [category]);
  const problems = [];
  if (!vendors.rows[0]) problems.push({ path: 'vendor', message: 'no vendor with this slug' });
  if (!categories.rows[0]) problems.push({ path: 'category', message: 'no category with this slug' });
  if (!vendors.rows[0] || !categories.rows[0]) throw new ValidationError(problems);
  return { vendorId: vendors.rows[0].id, categoryId: categories.rows[0].id };
}

function auditable(product: ProductFields): Record<string, unknown> {
  return {
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    description: product.description,
    vendor: product.vendor,
    category: product.category,
    priceCents: product.priceCents,
    stock: product.stock,
    active: product.active,
    specs: product.specs,
  };
}

export async function createProduct(db: Database, audit: AuditContext, input: ProductFields): Promise<AdminProduct> {
  try {
    return await db.transaction(async (tx) => {
      const { vendorId, categoryId } = await referenceIds(tx, input.vendor, input.category);
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO products (sku, slug, name, description, vendor_id, category_id, price_cents, stock, specs, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [input.sku, input.slug, input.name, input.description, vendorId, categoryId, input.priceCents, input.stock, JSON.stringify(input.specs), input.active],
      );
      const id = (rows[0] as { id: number }).id;
      await writeAudit(tx, audit, { action: 'product.create', entity: 'product', entityId: String(id), details: { changes: created(auditable(input)) } });
      return getProduct(tx, { id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'product', duplicateFields);
  }
}

/** Changes only the given fields; records their before and after values. */
export async function updateProduct(db: Database, audit: AuditContext, key: ProductKey, patch: Partial<ProductFields>): Promise<AdminProduct> {
  try {
    return await db.transaction(async (tx) => {
      const [condition, value] = where(key);
      const locked = await tx.query<{ id: number }>(`SELECT p.id FROM products p WHERE ${condition} FOR UPDATE`, [value]);
      if (!locked.rows[0]) throw new NotFoundError('product');
      const before = await getProduct(tx, { id: locked.rows[0].id });
      const next: ProductFields = { ...before, ...definedOnly(patch) };
      const changes = diff(auditable(before), auditable(next));
      if (Object.keys(changes).length === 0) return before;
      const { vendorId, categoryId } = await referenceIds(tx, next.vendor, next.category);
      await tx.query(
        `UPDATE products SET sku = $2, slug = $3, name = $4, description = $5, vendor_id = $6, category_id = $7,
                price_cents = $8, stock = $9, specs = $10, active = $11, updated_at = now()
          WHERE id = $1`,
        [before.id, next.sku, next.slug, next.name, next.description, vendorId, categoryId, next.priceCents, next.stock, JSON.stringify(next.specs), next.active],
      );
      const action = Object.keys(changes).length === 1 && 'stock' in changes ? 'product.stock' : 'product.update';
      await writeAudit(tx, audit, { action, entity: 'product', entityId: String(before.id), details: { sku: before.sku, changes } });
      return getProduct(tx, { id: before.id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'product', duplicateFields);
  }
}

export type StockChange = { set: number } | { adjust: number };

/** Sets stock or moves it by a delta under a row lock; stock never goes below zero. */
export async function changeStock(db: Database, audit: AuditContext, key: ProductKey, change: StockChange): Promise<AdminProduct> {
  return db.transaction(async (tx) => {
    const [condition, value] = where(key);
    const { rows } = await tx.query<{ id: number; sku: string; stock: number }>(`SELECT p.id, p.sku, p.stock FROM products p WHERE ${condition} FOR UPDATE`, [value]);
    const row = rows[0];
    if (!row) throw new NotFoundError('product');
    const stock = 'set' in change ? change.set : row.stock + change.adjust;
    if (stock < 0) throw new ValidationError([{ path: 'stock', message: `stock cannot go below zero (it is ${row.stock})` }], 'stock cannot go below zero');
    if (stock > 2_147_483_647) throw new ValidationError([{ path: 'stock', message: 'stock is too large' }]);
    if (stock !== row.stock) {
      await tx.query('UPDATE products SET stock = $2, updated_at = now() WHERE id = $1', [row.id, stock]);
      await writeAudit(tx, audit, {
        action: 'product.stock',
        entity: 'product',
        entityId: String(row.id),
        details: { sku: row.sku, changes: { stock: { before: row.stock, after: stock } } },
      });
    }
    return getProduct(tx, { id: row.id });
  });
}

export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
