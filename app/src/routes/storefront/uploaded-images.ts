import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findVariantByHash } from '../../domain/images/read-variant.js';
import { NotFoundError } from '../../domain/domain-errors.js';

const params = z.strictObject({ file: z.string().regex(/^[0-9a-f]{64}\.webp$/) });

// The file name is the SHA-256 of the bytes, so one URL always means the same bytes: browsers
// and CDNs keep it a year without asking again, and the ETag is the digest itself.
const immutable = 'public, max-age=31536000, immutable';

/** Uploaded product photos' renditions: GET /product-images/<sha256>.webp, one indexed read. */
export async function uploadedImageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/product-images/:file', { schema: { hide: true } }, async (request, reply) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('image');
    const hash = parsed.data.file.slice(0, 64);
    const etag = `"${hash}"`;
    if (request.headers['if-none-match'] === etag) {
      return reply.code(304).header('etag', etag).header('cache-control', immutable).send();
    }
    const variant = await findVariantByHash(app.db, hash);
    if (variant === null) throw new NotFoundError('image');
    return reply
      .header('content-type', variant.contentType)
      .header('cache-control', immutable)
      .header('etag', etag)
      // Opened on its own, a picture may run nothing and load nothing.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(variant.bytes);
  });
}
