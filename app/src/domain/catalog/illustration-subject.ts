import type { Queryable } from '../../db/database.js';

/** What a product's illustration is drawn from (views/images/product-illustration.ts). */
export interface IllustrationSubjectRow {
  slug: string;
  name: string;
  vendorName: string;
  categorySlug: string;
}

/**
 * Name, vendor and category of any product, active or not: a cart or an old order may still
 * show a product that was withdrawn since, and its picture should not break.
 */
export async function findIllustrationSubject(db: Queryable, slug: string): Promise<IllustrationSubjectRow | null> {
  const { rows } = await db.query<IllustrationSubjectRow>(
    `SELECT p.slug, p.name, v.name AS "vendorName", c.slug AS "categorySlug"
       FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id
      WHERE p.slug = $1`,
    [slug],
  );
  return rows[0] ?? null;
}
