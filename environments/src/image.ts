import type { Environment } from './schema.js';

/** The image reference a Pod runs: repository@sha256:... (or repository:tag, dev only). */
export function imageReference(image: Environment['image']): string {
  if (image.digest !== undefined) return `${image.repository}@${image.digest}`;
  if (image.tag !== undefined) return `${image.repository}:${image.tag}`;
  throw new Error('image: expected a digest or a tag');
}
