import type { Queryable } from '../../db/database.js';

export async function createCart(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ id: string }>('INSERT INTO carts DEFAULT VALUES RETURNING id');
  const row = rows[0];
  if (row === undefined) throw new Error('INSERT INTO carts returned no row');
  return row.id;
}
