import type { Queryable } from '../../db/database.js';

export interface Vendor {
  id: number;
  slug: string;
  name: string;
  description: string;
  website: string | null;
  country: string | null;
  /** Active products of this vendor. */
  productCount: number;
}

const vendorSelect = `SELECT v.id, v.slug, v.name, v.description, v.website, v.country,
  (SELECT count(*)::int FROM products p WHERE p.vendor_id = v.id AND p.active) AS "productCount"
  FROM vendors v`;

export async function listVendors(db: Queryable): Promise<Vendor[]> {
  const { rows } = await db.query<Vendor>(`${vendorSelect} ORDER BY lower(v.name) ASC, v.id ASC`);
  return rows;
}

export async function findVendorBySlug(db: Queryable, slug: string): Promise<Vendor | null> {
  const { rows } = await db.query<Vendor>(`${vendorSelect} WHERE v.slug = $1`, [slug]);
  return rows[0] ?? null;
}
