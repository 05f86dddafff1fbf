import type { Database, Queryable } from '../../db/database.js';
import { NotFoundError } from '../domain-errors.js';
import { created, diff, writeAudit, type AuditContext } from './audit.js';
import { rethrowDuplicate } from './conflicts.js';
import { definedOnly } from './products.js';

export interface VendorFields {
  slug: string;
  name: string;
  description: string;
  website: string | null;
  country: string | null;
}

export interface AdminVendor extends VendorFields {
  id: number;
  productCount: number;
}

const selectVendor = `SELECT v.id, v.slug, v.name, v.description, v.website, v.country,
       (SELECT count(*)::int FROM products p WHERE p.vendor_id = v.id) AS "productCount"
  FROM vendors v`;

export async function listVendors(db: Queryable): Promise<AdminVendor[]> {
  const { rows } = await db.query<AdminVendor>(`${selectVendor} ORDER BY v.name, v.id`);
  return rows;
}

export async function getVendor(db: Queryable, key: { id: number } | { slug: string }): Promise<AdminVendor> {
  const { rows } = await db.query<AdminVendor>(`${selectVendor} WHERE ${'id' in key ? 'v.id' : 'v.slug'} = $1`, ['id' in key ? key.id : key.slug]);
  if (!rows[0]) throw new NotFoundError('vendor');
  return rows[0];
}

function auditable(vendor: VendorFields): Record<string, unknown> {
  return { slug: vendor.slug, name: vendor.name, description: vendor.description, website: vendor.website, country: vendor.country };
}

export async function createVendor(db: Database, audit: AuditContext, input: VendorFields): Promise<AdminVendor> {
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        'INSERT INTO vendors (slug, name, description, website, country) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [input.slug, input.name, input.description, input.website, input.country],
      );
      const id = (rows[0] as { id: number }).id;
      await writeAudit(tx, audit, { action: 'vendor.create', entity: 'vendor', entityId: String(id), details: { changes: created(auditable(input)) } });
      return getVendor(tx, { id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'vendor', { slug: 'slug' });
  }
}

export async function updateVendor(db: Database, audit: AuditContext, key: { id: number } | { slug: string }, patch: Partial<VendorFields>): Promise<AdminVendor> {
  try {
    return await db.transaction(async (tx) => {
      const before = await getVendor(tx, key);
      await tx.query('SELECT id FROM vendors WHERE id = $1 FOR UPDATE', [before.id]);
      const next: VendorFields = { ...before, ...definedOnly(patch) };
      const changes = diff(auditable(before), auditable(next));
      if (Object.keys(changes).length === 0) return before;
      await tx.query('UPDATE vendors SET slug = $2, name = $3, description = $4, website = $5, country = $6, updated_at = now() WHERE id = $1', [
        before.id,
        next.slug,
        next.name,
        next.description,
        next.website,
        next.country,
      ]);
      await writeAudit(tx, audit, { action: 'vendor.update', entity: 'vendor', entityId: String(before.id), details: { changes } });
      return getVendor(tx, { id: before.id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'vendor', { slug: 'slug' });
  }
}
