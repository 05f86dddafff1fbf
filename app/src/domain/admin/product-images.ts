import type { Database, Queryable } from '../../db/database.js';
import { variantUrl } from '../catalog/product-photos.js';
import { ConflictError, NotFoundError, ValidationError } from '../domain-errors.js';
import type { PreparedImage } from '../images/prepare.js';
import { maxImagesPerProduct } from '../images/upload-limits.js';
import { writeAudit, type AuditContext } from './audit.js';

export interface AdminProductImage {
  id: number;
  position: number;
  contentType: string;
  width: number;
  height: number;
  byteSize: number;
  contentHash: string;
  /** The smallest rendition, for the admin's thumbnail. */
  thumbnailUrl: string;
}

export async function listProductImages(db: Queryable, productId: number): Promise<AdminProductImage[]> {
  const { rows } = await db.query<Omit<AdminProductImage, 'thumbnailUrl'> & { thumbnailHash: string }>(
    `SELECT pi.id, pi.position, pi.content_type AS "contentType", pi.width, pi.height, pi.byte_size AS "byteSize", pi.content_hash AS "contentHash",
            (SELECT pv.content_hash FROM product_image_variants pv WHERE pv.image_id = pi.id ORDER BY pv.width LIMIT 1) AS "thumbnailHash"
       FROM product_images pi WHERE pi.product_id = $1 ORDER BY pi.position, pi.id`,
    [productId],
  );
  return rows.map(({ thumbnailHash, ...image }) => ({ ...image, thumbnailUrl: variantUrl(thumbnailHash) }));
}

async function lockProduct(tx: Queryable, productId: number): Promise<void> {
  // Concurrent uploads to one product take turns, so positions and the count stay right.
  const { rows } = await tx.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [productId]);
  if (rows.length === 0) throw new NotFoundError('product');
}

/** Adds a checked upload (see images/prepare.ts) at the end of the product's gallery. */
export async function addProductImage(db: Database, audit: AuditContext, productId: number, image: PreparedImage): Promise<number> {
  return db.transaction(async (tx) => {
    await lockProduct(tx, productId);
    const { rows: existing } = await tx.query<{ count: number; next: number; duplicate: boolean }>(
      `SELECT count(*)::int AS count, coalesce(max(position) + 1, 0)::int AS next, coalesce(bool_or(content_hash = $2), false) AS duplicate
         FROM product_images WHERE product_id = $1`,
      [productId, image.contentHash],
    );
    const { count, next, duplicate } = existing[0] ?? { count: 0, next: 0, duplicate: false };
    if (duplicate) throw new ConflictError('duplicate_image', 'This product already has this image.', [{ path: 'image', message: 'This product already has this image.' }]);
    if (count >= maxImagesPerProduct) {
      const message = `A product has at most ${maxImagesPerProduct} images. Delete one before adding another.`;
      throw new ValidationError([{ path: 'image', message }], message);
    }
    const { rows } = await tx.query<{ id: number }>(
      `INSERT INTO product_images (product_id, position, content_type, width, height, byte_size, content_hash, bytes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [productId, next, image.contentType, image.width, image.height, image.bytes.length, image.contentHash, image.bytes],
    );
    const id = (rows[0] as { id: number }).id;
    for (const variant of image.variants) {
      await tx.query('INSERT INTO product_image_variants (image_id, width, height, content_type, content_hash, bytes) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        variant.width,
        variant.height,
        variant.contentType,
        variant.contentHash,
        variant.bytes,
      ]);
    }
    await writeAudit(tx, audit, {
      action: 'product.image.add',
      entity: 'product',
      entityId: String(productId),
      details: { imageId: id, contentType: image.contentType, width: image.width, height: image.height, byteSize: image.bytes.length, contentHash: image.contentHash },
    });
    return id;
  });
}

export async function deleteProductImage(db: Database, audit: AuditContext, productId: number, imageId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProduct(tx, productId);
    const { rows } = await tx.query<{ contentHash: string }>('DELETE FROM product_images WHERE id = $1 AND product_id = $2 RETURNING content_hash AS "contentHash"', [imageId, productId]);
    if (rows.length === 0) throw new NotFoundError('image');
    await writeAudit(tx, audit, { action: 'product.image.delete', entity: 'product', entityId: String(productId), details: { imageId, contentHash: rows[0]?.contentHash } });
  });
}

/** Swaps the image with its neighbour before (`earlier`) or after it; at an end nothing moves. */
export async function moveProductImage(db: Database, audit: AuditContext, productId: number, imageId: number, direction: 'earlier' | 'later'): Promise<void> {
  await db.transaction(async (tx) => {
    await lockProduct(tx, productId);
    const { rows } = await tx.query<{ id: number; position: number }>('SELECT id, position FROM product_images WHERE product_id = $1 ORDER BY position, id', [productId]);
    const index = rows.findIndex((row) => row.id === imageId);
    if (index < 0) throw new NotFoundError('image');
    const other = rows[direction === 'earlier' ? index - 1 : index + 1];
    if (other === undefined) return;
    // Positions are renumbered 0..n-1 in the new order, so equal or sparse positions left by
    // deletes never make a swap a no-op.
    const order = rows.map((row) => row.id);
    const target = direction === 'earlier' ? index - 1 : index + 1;
    [order[index], order[target]] = [other.id, imageId];
    for (const [position, id] of order.entries()) {
      await tx.query('UPDATE product_images SET position = $1 WHERE id = $2 AND position <> $1', [position, id]);
    }
    await writeAudit(tx, audit, { action: 'product.image.move', entity: 'product', entityId: String(productId), details: { imageId, direction } });
  });
}
