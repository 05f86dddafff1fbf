import type { Queryable } from '../../db/database.js';

// A cart lives CART_TTL_DAYS after its last use. carts.updated_at is that last use: every
// change sets it, and reading the cart bumps it (see useCart). An expired cart is gone at
// once for every reader, whether or not the periodic prune has deleted its row yet.

// Every query that reads a cart by id repeats the same condition, with the TTL in days as a
// parameter: carts.updated_at > now() - make_interval(days => $n::int). The prune below uses its
// opposite, which carts_updated_idx serves.

/**
 * True when the cart exists and has not expired; it then counts as used now. The bump is
 * written only when the last one is over a minute old, so a visitor clicking through the cart
 * writes the row at most once a minute, and the check and the bump are one round trip.
 */
export async function useCart(db: Queryable, cartId: string, ttlDays: number): Promise<boolean> {
  const { rows } = await db.query(
    `WITH live AS (
       SELECT id, updated_at FROM carts WHERE id = $1 AND updated_at > now() - make_interval(days => $2::int)
     ), bumped AS (
       UPDATE carts SET updated_at = now() FROM live
        WHERE carts.id = live.id AND live.updated_at < now() - interval '1 minute'
       RETURNING carts.id
     )
     SELECT id FROM live`,
    [cartId, ttlDays],
  );
  return rows.length > 0;
}

export interface PruneOptions {
  /** Carts deleted per statement: bounds each statement's locks and WAL. */
  batchSize: number;
  /** Statements per run, so one run cannot hold a connection for long after a long outage. */
  maxBatches: number;
}

/**
 * Deletes expired carts (their lines go with them, ON DELETE CASCADE), oldest first, in
 * batches. SKIP LOCKED lets several replicas prune at once without waiting on each other, and
 * leaves alone a cart a checkout or a change holds locked. Returns how many were deleted.
 */
export async function pruneExpiredCarts(db: Queryable, ttlDays: number, options: PruneOptions): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < options.maxBatches; batch += 1) {
    const { rowCount } = await db.query(
      `DELETE FROM carts WHERE id IN (
         SELECT id FROM carts WHERE updated_at <= now() - make_interval(days => $1::int)
          ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED
       )`,
      [ttlDays, options.batchSize],
    );
    deleted += rowCount;
    if (rowCount < options.batchSize) break;
  }
  return deleted;
}
