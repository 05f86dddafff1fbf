import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findIllustrationSubject, type IllustrationSubjectRow } from '../../domain/catalog/illustration-subject.js';
import { NotFoundError } from '../../domain/domain-errors.js';
import { slugSchema } from '../../schemas/catalog.js';
import { illustrationVersion, productIllustration, productImageUrl } from '../../views/images/product-illustration.js';

const imageParams = z.strictObject({ slug: slugSchema, file: z.string().regex(/^[0-9a-f]{12}\.svg$/) });

// The version in the URL is a digest of what is drawn, so one URL always means the same bytes:
// browsers and CDNs keep it a year without asking again. An old version (the product was
// renamed) is sent on to the current one, briefly cached, so stale pages still show a picture.
const immutable = 'public, max-age=31536000, immutable';

/** Product illustrations: GET /images/products/:slug/:version.svg. */
export async function productImageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/images/products/:slug/:file', { schema: { hide: true } }, async (request, reply) => {
    const parsed = imageParams.safeParse(request.params);
    if (!parsed.success) throw new NotFoundError('image');
    const { slug, file } = parsed.data;
    const fromSnapshot = app.catalogSync?.current?.product(slug);
    const subject: IllustrationSubjectRow | null = fromSnapshot
      ? { slug: fromSnapshot.slug, name: fromSnapshot.name, vendorName: fromSnapshot.vendor.name, categorySlug: fromSnapshot.category.slug }
      : await findIllustrationSubject(app.db, slug);
    if (subject === null) throw new NotFoundError('image');
    if (file !== `${illustrationVersion(subject)}.svg`) {
      return reply.header('cache-control', 'public, max-age=60').redirect(productImageUrl(subject), 301);
    }
    return reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('cache-control', immutable)
      // An SVG opened on its own is a document: it may run nothing and load nothing.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .send(productIllustration(subject));
  });
}
