import type { Database, Queryable } from '../../db/database.js';
import { NotFoundError } from '../domain-errors.js';
import { created, diff, writeAudit, type AuditContext } from './audit.js';
import { rethrowDuplicate } from './conflicts.js';
import { definedOnly } from './products.js';

export interface CategoryFields {
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface AdminCategory extends CategoryFields {
  id: number;
  productCount: number;
}

const selectCategory = `SELECT c.id, c.slug, c.name, c.description, c.position,
       (SELECT count(*)::int FROM products p WHERE p.category_id = c.id) AS "productCount"
  FROM categories c`;

export async function listCategories(db: Queryable): Promise<AdminCategory[]> {
  const { rows } = await db.query<AdminCategory>(`${selectCategory} ORDER BY c.position, c.name, c.id`);
  return rows;
}

export async function getCategory(db: Queryable, key: { id: number } | { slug: string }): Promise<AdminCategory> {
  const { rows } = await db.query<AdminCategory>(`${selectCategory} WHERE ${'id' in key ? 'c.id' : 'c.slug'} = $1`, ['id' in key ? key.id : key.slug]);
  if (!rows[0]) throw new NotFoundError('category');
  return rows[0];
}

function auditable(category: CategoryFields): Record<string, unknown> {
  return { slug: category.slug, name: category.name, description: category.description, position: category.position };
}

export async function createCategory(db: Database, audit: AuditContext, input: CategoryFields): Promise<AdminCategory> {
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>('INSERT INTO categories (slug, name, description, position) VALUES ($1, $2, $3, $4) RETURNING id', [
        input.slug,
        input.name,
        input.description,
        input.position,
      ]);
      const id = (rows[0] as { id: number }).id;
      await writeAudit(tx, audit, { action: 'category.create', entity: 'category', entityId: String(id), details: { changes: created(auditable(input)) } });
      return getCategory(tx, { id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'category', { slug: 'slug' });
  }
}

export async function updateCategory(db: Database, audit: AuditContext, key: { id: number } | { slug: string }, patch: Partial<CategoryFields>): Promise<AdminCategory> {
  try {
    return await db.transaction(async (tx) => {
      const before = await getCategory(tx, key);
      await tx.query('SELECT id FROM categories WHERE id = $1 FOR UPDATE', [before.id]);
      const next: CategoryFields = { ...before, ...definedOnly(patch) };
      const changes = diff(auditable(before), auditable(next));
      if (Object.keys(changes).length === 0) return before;
      await tx.query('UPDATE categories SET slug = $2, name = $3, description = $4, position = $5 WHERE id = $1', [before.id, next.slug, next.name, next.description, next.position]);
      await writeAudit(tx, audit, { action: 'category.update', entity: 'category', entityId: String(before.id), details: { changes } });
      return getCategory(tx, { id: before.id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'category', { slug: 'slug' });
  }
}
