import type { Database } from '../../db/database.js';
import { specFacetRulesVersion, specFacetValues } from './spec-facets.js';

interface StaleRow {
  id: number;
  category_slug: string;
  specs: Record<string, unknown>;
}

/**
 * Derives the stored spec facet values (products.facet_values, migration 009) again for every
 * product the database marked stale (new, specs or category changed) or that older rules
 * derived. Returns how many it derived. The rows stay locked from read to write, in id order:
 * an admin edit in between waits instead of being overwritten with values from the old specs,
 * and two shops refreshing at once never deadlock (the second finds nothing left to do).
 */
export async function refreshFacetValues(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<StaleRow>(
      `SELECT p.id, c.slug AS category_slug, p.specs FROM products p JOIN categories c ON c.id = p.category_id
        WHERE p.facet_values_version IS DISTINCT FROM $1 ORDER BY p.id FOR UPDATE OF p`,
      [specFacetRulesVersion],
    );
    if (rows.length === 0) return 0;
    const derived = rows.map((row) => ({ id: row.id, values: specFacetValues(row.category_slug, row.specs) }));
    await tx.query(
      `UPDATE products p SET facet_values = d.values, facet_values_version = $2
         FROM jsonb_to_recordset($1::jsonb) AS d(id integer, values jsonb) WHERE p.id = d.id`,
      [JSON.stringify(derived), specFacetRulesVersion],
    );
    return rows.length;
  });
}

const running = new WeakMap<Database, Promise<number>>();

/**
 * refreshFacetValues, one at a time per database handle: the many requests that find stale rows
 * together wait for the same refresh.
 */
export function refreshFacetValuesOnce(db: Database): Promise<number> {
  const current = running.get(db);
  if (current !== undefined) return current;
  const started = refreshFacetValues(db).finally(() => {
    running.delete(db);
  });
  running.set(db, started);
  return started;
}
