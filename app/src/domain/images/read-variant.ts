import type { Queryable } from '../../db/database.js';

export interface StoredVariant {
  contentType: string;
  bytes: Buffer;
}

/** The rendition whose bytes have this SHA-256, or null. Equal digests mean equal bytes. */
export async function findVariantByHash(db: Queryable, contentHash: string): Promise<StoredVariant | null> {
  const { rows } = await db.query<{ contentType: string; bytes: Uint8Array }>(
    'SELECT content_type AS "contentType", bytes FROM product_image_variants WHERE content_hash = $1 LIMIT 1',
    [contentHash],
  );
  const row = rows[0];
  return row === undefined ? null : { contentType: row.contentType, bytes: Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength) };
}
