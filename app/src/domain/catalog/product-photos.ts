// A product's uploaded photos as pages show them: the renditions made at upload time (see
// domain/images/prepare.ts), each at a URL carrying the digest of its bytes. Read with the
// product itself, in the same query, so the catalog snapshot and the SQL path carry the same.

export interface PhotoVariant {
  width: number;
  height: number;
  url: string;
}

export interface ProductPhoto {
  id: number;
  /** As shown, after the EXIF orientation; the ratio every rendition keeps. */
  width: number;
  height: number;
  /** Narrowest first. */
  variants: readonly PhotoVariant[];
}

export function variantUrl(contentHash: string): string {
  return `/product-images/${contentHash}.webp`;
}

/** The column `photos` for a query over `products p`: a JSON array in gallery order. */
export const photosColumn = `(SELECT coalesce(json_agg(json_build_object('id', pi.id, 'width', pi.width, 'height', pi.height, 'variants',
    (SELECT json_agg(json_build_object('width', pv.width, 'height', pv.height, 'hash', pv.content_hash) ORDER BY pv.width)
       FROM product_image_variants pv WHERE pv.image_id = pi.id)) ORDER BY pi.position, pi.id), '[]'::json)
   FROM product_images pi WHERE pi.product_id = p.id) AS photos`;

interface PhotoJson {
  id: number;
  width: number;
  height: number;
  variants: { width: number; height: number; hash: string }[] | null;
}

/** The `photos` column as read: parsed JSON from node-postgres and PGlite alike. */
export function toPhotos(value: unknown): ProductPhoto[] {
  const parsed = (typeof value === 'string' ? JSON.parse(value) : value) as PhotoJson[] | null;
  return (parsed ?? [])
    .filter((photo) => photo.variants !== null && photo.variants.length > 0)
    .map((photo) => ({
      id: photo.id,
      width: photo.width,
      height: photo.height,
      variants: (photo.variants ?? []).map((variant) => ({ width: variant.width, height: variant.height, url: variantUrl(variant.hash) })),
    }));
}
