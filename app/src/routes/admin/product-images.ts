import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addProductImage, deleteProductImage, moveProductImage } from '../../domain/admin/product-images.js';
import { getProduct } from '../../domain/admin/products.js';
import { DomainError, NotFoundError } from '../../domain/domain-errors.js';
import { prepareImage } from '../../domain/images/prepare.js';
import { maxUploadBytes } from '../../domain/images/upload-limits.js';
import { auditContext } from '../../plugins/admin-auth.js';

/** What onFile leaves in the body for the file field: the bytes up to the limit, and whether there were more. */
interface UploadedFile {
  kind: 'upload';
  bytes: Buffer;
  truncated: boolean;
}

function isUpload(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'upload';
}

/**
 * Reads the file into memory up to the size limit and drains the rest, so an oversized file
 * becomes a message on the form instead of an aborted request.
 */
async function readUpload(part: MultipartFile): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxUploadBytes) chunks.push(buffer);
  }
  const upload: UploadedFile = { kind: 'upload', bytes: Buffer.concat(chunks), truncated: part.file.truncated || size > maxUploadBytes };
  (part as MultipartFile & { value: unknown }).value = upload;
}

const params = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number), imageId: z.string().regex(/^\d{1,9}$/).transform(Number) });
const productParams = params.pick({ id: true });
const moveBody = z.object({ direction: z.enum(['earlier', 'later']) });

export interface ProductImagePagesOptions {
  /** The product's edit page with a message on its upload form. */
  renderEdit: (request: FastifyRequest, reply: FastifyReply, productId: number, imageError: string) => Promise<FastifyReply>;
}

/**
 * Upload, delete and reorder a product's photos from its edit page. Registered inside the
 * admin pages' scope, so the session, CSRF (the form's `_csrf` field, read from the parsed
 * multipart body) and no-store hooks apply as to every other admin form; multipart parsing
 * exists only here.
 */
export async function productImagePages(app: FastifyInstance, options: ProductImagePagesOptions): Promise<void> {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    onFile: readUpload,
    throwFileSizeLimit: false,
    // One file and a few short fields; busboy stops reading the file at fileSize.
    limits: { fileSize: maxUploadBytes, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 100 },
  });

  const idsOf = (request: FastifyRequest) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('image');
    return parsed.data;
  };
  const editUrl = (id: number, saved: string) => `/admin/products/${id}/edit?saved=${saved}#images`;

  app.post('/admin/products/:id/images', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const parsed = productParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('product');
    const { id } = parsed.data;
    await getProduct(app.db, { id });
    const file = (request.body as Record<string, unknown> | undefined)?.image;
    try {
      if (!isUpload(file)) throw new DomainError(400, 'validation_failed', 'Choose an image file to upload.', [{ path: 'image', message: 'Choose an image file to upload.' }]);
      const prepared = await prepareImage(file.bytes, { truncated: file.truncated });
      await addProductImage(app.db, auditContext(request), id, prepared);
    } catch (error) {
      if (error instanceof DomainError && error.fields?.[0]?.path === 'image') return options.renderEdit(request, reply, id, error.fields[0].message);
      throw error;
    }
    return reply.redirect(editUrl(id, 'image'), 303);
  });

  app.post('/admin/products/:id/images/:imageId/delete', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const { id, imageId } = idsOf(request);
    await deleteProductImage(app.db, auditContext(request), id, imageId);
    return reply.redirect(editUrl(id, 'image-deleted'), 303);
  });

  app.post('/admin/products/:id/images/:imageId/move', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const { id, imageId } = idsOf(request);
    const body = moveBody.safeParse(request.body);
    if (!body.success) throw new DomainError(400, 'validation_failed', 'Say whether to move the image earlier or later.', [{ path: 'direction', message: 'expected earlier or later' }]);
    await moveProductImage(app.db, auditContext(request), id, imageId, body.data.direction);
    return reply.redirect(editUrl(id, 'image-moved'), 303);
  });
}
