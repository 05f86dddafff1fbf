import type { Queryable } from '../../db/database.js';

export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** Active products in this category. */
  productCount: number;
}

const categorySelect = `SELECT c.id, c.slug, c.name, c.description,
  (SELECT count(*)::int FROM products p WHERE p.category_id = c.id AND p.active) AS "productCount"
  FROM categories c`;

/** Categories in the shop's own order (position), then by name. */
export async function listCategories(db: Queryable): Promise<Category[]> {
  const { rows } = await db.query<Category>(`${categorySelect} ORDER BY c.position ASC, lower(c.name) ASC, c.id ASC`);
  return rows;
}

export async function findCategoryBySlug(db: Queryable, slug: string): Promise<Category | null> {
  const { rows } = await db.query<Category>(`${categorySelect} WHERE c.slug = $1`, [slug]);
  return rows[0] ?? null;
}
