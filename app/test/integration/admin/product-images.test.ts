import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { AdminClient, auditRows, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { testConfig } from '../../support/config.js';
import { insertCategory, insertProduct, insertVendor, type ProductRow } from '../../support/fixtures.js';
import { multipartBody, pictureOf } from '../../support/upload.js';

interface ImageRow {
  id: number;
  position: number;
  content_type: string;
  width: number;
  height: number;
  content_hash: string;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('admin product image upload', () => {
  let t: TestApp;
  let fromSnapshot: FastifyInstance;
  let client: AdminClient;
  let vendorId: number;
  let categoryId: number;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    fromSnapshot = await buildApp({ config: testConfig({ CATALOG_SNAPSHOT: 'true' }), db: t.db, logger: false });
    vendorId = (await insertVendor(t.db, { name: 'Acme' })).id;
    categoryId = (await insertCategory(t.db, { slug: 'laptops', name: 'Laptops' })).id;
    client = new AdminClient(t.app);
    await client.loginHtml();
    await fromSnapshot.catalogSync?.whenUsable();
  });
  afterAll(async () => {
    await fromSnapshot.close();
    await t.close();
  });

  const newProduct = (name: string) => insertProduct(t.db, { vendorId, categoryId, name, stock: 10 });
  const images = async (productId: number) =>
    (await t.db.query<ImageRow>('SELECT id, position, content_type, width, height, content_hash FROM product_images WHERE product_id = $1 ORDER BY position, id', [productId])).rows;

  async function upload(product: ProductRow, file: { bytes: Uint8Array; filename?: string; type?: string } | undefined, options: { csrf?: boolean } = {}) {
    const csrf: Record<string, string> = options.csrf === false ? {} : { _csrf: await client.csrfFrom(`/admin/products/${product.id}/edit`) };
    const body = await multipartBody(csrf, file === undefined ? undefined : { name: 'image', filename: file.filename ?? 'photo.png', type: file.type ?? 'image/png', bytes: file.bytes });
    return client.request({ method: 'POST', url: `/admin/products/${product.id}/images`, headers: { 'content-type': body.contentType }, payload: body.payload });
  }

  /** The message on the upload form of a refused upload. */
  const uploadError = (body: string) => /<p class="field-error" id="image-error">([^<]*)<\/p>/.exec(body)?.[1];

  it('stores a PNG with its type, size and hash, makes WebP renditions at each width it reaches, and audits it', async () => {
    const product = await newProduct('Upload laptop');
    const png = await pictureOf(800, 600, 'png');
    const response = await upload(product, { bytes: png });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/admin/products/${product.id}/edit?saved=image#images`);
    const [row] = await images(product.id);
    expect(row).toMatchObject({ content_type: 'image/png', width: 800, height: 600, content_hash: sha256(png), position: 0 });
    const variants = await t.db.query<{ width: number; height: number; content_type: string }>('SELECT width, height, content_type FROM product_image_variants WHERE image_id = $1 ORDER BY width', [row?.id]);
    // 1280 would enlarge an 800-pixel photo: the widest rendition is the photo's own width.
    expect(variants.rows).toEqual([
      { width: 320, height: 240, content_type: 'image/webp' },
      { width: 640, height: 480, content_type: 'image/webp' },
      { width: 800, height: 600, content_type: 'image/webp' },
    ]);
    expect((await auditRows(t.db, 'product.image.add')).find((entry) => entry.entity_id === String(product.id))?.details).toMatchObject({ contentType: 'image/png', width: 800, height: 600 });
    const edit = await client.request({ method: 'GET', url: `/admin/products/${product.id}/edit?saved=image` });
    expect(edit.body).toContain('Image added.');
    expect(edit.body).toContain('PNG, 800 × 600 pixels');
  });

  it('serves renditions at content-hashed URLs, immutable for a year, with an ETag and 304', async () => {
    const product = await newProduct('Served laptop');
    expect((await upload(product, { bytes: await pictureOf(1600, 1200, 'jpeg'), filename: 'photo.jpg', type: 'image/jpeg' })).statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: `/products/${product.slug}` });
    const srcset = /<img class="product-image" src="([^"]+)" srcset="([^"]+)" sizes="[^"]+" width="1600" height="1200"/.exec(page.body);
    expect(srcset, 'the product page shows the photo with a srcset').not.toBeNull();
    const entries = (srcset?.[2] ?? '').split(', ').map((entry) => entry.split(' '));
    expect(entries.map(([, width]) => width)).toEqual(['320w', '640w', '1280w']);
    for (const [url, width] of entries) {
      expect(url).toMatch(/^\/product-images\/[0-9a-f]{64}\.webp$/);
      const response = await t.app.inject({ method: 'GET', url: url ?? '' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/webp');
      expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const hash = (url ?? '').slice('/product-images/'.length, -'.webp'.length);
      expect(response.headers.etag).toBe(`"${hash}"`);
      expect(sha256(response.rawPayload)).toBe(hash);
      const metadata = await sharp(response.rawPayload).metadata();
      expect([metadata.format, `${metadata.width}w`]).toEqual(['webp', width]);
      const again = await t.app.inject({ method: 'GET', url: url ?? '', headers: { 'if-none-match': `"${hash}"` } });
      expect(again.statusCode).toBe(304);
    }
    expect(srcset?.[1]).toBe(entries[1]?.[0]);
    // Search engines get the largest rendition, at an absolute address.
    const jsonLd = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page.body)?.[1] ?? '{}';
    const largest = entries[entries.length - 1]?.[0] ?? '';
    expect((JSON.parse(jsonLd) as { image?: string[] }).image).toEqual([new URL(largest, (JSON.parse(jsonLd) as { url: string }).url).toString()]);
    expect((await t.app.inject({ method: 'GET', url: `/product-images/${'0'.repeat(64)}.webp` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/product-images/not-a-hash.webp' })).statusCode).toBe(404);
  });

  it('replaces the illustration on cards, the product page, the cart and the checkout, from the database and from the snapshot alike', async () => {
    const product = await newProduct('Pictured laptop');
    const illustrated = await t.app.inject({ method: 'GET', url: `/products/${product.slug}` });
    expect(illustrated.body).toContain(`/images/products/${product.slug}/`);
    expect((await upload(product, { bytes: await pictureOf(640, 480, 'webp'), filename: 'photo.webp', type: 'image/webp' })).statusCode).toBe(303);
    const page = await t.app.inject({ method: 'GET', url: `/products/${product.slug}` });
    expect(page.body).not.toContain(`/images/products/${product.slug}/`);
    expect(page.body).toContain('alt="Photo of the Pictured laptop"');
    const listing = await t.app.inject({ method: 'GET', url: '/categories/laptops?sort=name' });
    const card = listing.body.slice(listing.body.indexOf(`<a href="/products/${product.slug}">`) - 600, listing.body.indexOf(`<a href="/products/${product.slug}">`));
    expect(card).toMatch(/<img class="card-image" src="\/product-images\/[0-9a-f]{64}\.webp" srcset="[^"]+ 320w, [^"]+ 640w"/);

    const added = await t.app.inject({ method: 'POST', url: '/cart/items', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `productId=${product.id}&quantity=1` });
    const cookie = added.cookies.map((set) => `${set.name}=${set.value}`).join('; ');
    const cart = await t.app.inject({ method: 'GET', url: '/cart', headers: { cookie } });
    expect(cart.body).toMatch(/<img class="line-image" src="\/product-images\/[0-9a-f]{64}\.webp" srcset="[^"]+" sizes="4rem"/);
    const checkout = await t.app.inject({ method: 'GET', url: '/checkout', headers: { cookie } });
    expect(checkout.statusCode).toBe(200);
    expect(checkout.body).toMatch(/<img class="line-image" src="\/product-images\/[0-9a-f]{64}\.webp" srcset="[^"]+" sizes="4rem"/);

    // The other replica hears of the upload through the catalog_changed notification.
    let fromMemory = '';
    for (let attempt = 0; attempt < 100 && !fromMemory.includes('alt="Photo of the Pictured laptop"'); attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      fromMemory = (await fromSnapshot.inject({ method: 'GET', url: `/products/${product.slug}` })).body;
    }
    expect(fromMemory).toBe(page.body);
  });

  it('refuses a file whose bytes are not PNG, JPEG or WebP, whatever its name and type say, on the form', async () => {
    const product = await newProduct('Sniffed laptop');
    const gif = Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const bytes of [gif, svg, Buffer.from('just some text')]) {
      const response = await upload(product, { bytes, filename: 'photo.png', type: 'image/png' });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(uploadError(response.body)).toBe('The file is not a PNG, JPEG or WebP image.');
      expect(response.body).toContain('<h1>Edit Sniffed laptop</h1>');
    }
    const damaged = Buffer.concat([(await pictureOf(100, 100, 'png')).subarray(0, 40)]);
    const broken = await upload(product, { bytes: damaged });
    expect(broken.statusCode).toBe(400);
    expect(uploadError(broken.body)).toBe('The file could not be read as an image. It may be damaged.');
    const none = await upload(product, undefined);
    expect(none.statusCode).toBe(400);
    expect(uploadError(none.body)).toBe('Choose an image file to upload.');
    expect(await images(product.id)).toEqual([]);
  });

  it('refuses files over 5 MiB and images over 6000 pixels a side on the form, never with a 500', async () => {
    const product = await newProduct('Limited laptop');
    const png = await pictureOf(10, 10, 'png');
    const huge = Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)]);
    const big = await upload(product, { bytes: huge });
    expect(big.statusCode).toBe(400);
    expect(uploadError(big.body)).toBe('The file is larger than 5 MiB. Choose a smaller image.');
    const wide = await upload(product, { bytes: await pictureOf(6001, 2, 'png') });
    expect(wide.statusCode).toBe(400);
    expect(uploadError(wide.body)).toBe('The image is 6001 × 2 pixels; at most 6000 pixels on each side are accepted.');
    const tall = await upload(product, { bytes: await pictureOf(2, 6001, 'png') });
    expect(uploadError(tall.body)).toBe('The image is 2 × 6001 pixels; at most 6000 pixels on each side are accepted.');
    expect(await images(product.id)).toEqual([]);
  });

  it('asks for the CSRF token and a session like every admin form', async () => {
    const product = await newProduct('Guarded laptop');
    const png = await pictureOf(50, 50, 'png');
    expect((await upload(product, { bytes: png }, { csrf: false })).statusCode).toBe(403);
    const body = await multipartBody({}, { name: 'image', filename: 'a.png', type: 'image/png', bytes: png });
    const anonymous = await t.app.inject({ method: 'POST', url: `/admin/products/${product.id}/images`, headers: { 'content-type': body.contentType }, payload: body.payload });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/admin\/login/);
    expect(await images(product.id)).toEqual([]);
  });

  it('reorders and deletes images, and the product falls back to its illustration without them', async () => {
    const product = await newProduct('Gallery laptop');
    await upload(product, { bytes: await pictureOf(400, 300, 'png', '#ff0000') });
    await upload(product, { bytes: await pictureOf(400, 300, 'png', '#00ff00') });
    const duplicate = await upload(product, { bytes: await pictureOf(400, 300, 'png', '#00ff00') });
    expect(uploadError(duplicate.body)).toBe('This product already has this image.');
    const [red, green] = await images(product.id);
    const page = await t.app.inject({ method: 'GET', url: `/products/${product.slug}` });
    expect(page.body).toContain('alt="Photo 1 of 2 of the Gallery laptop"');
    expect(page.body).toContain('alt="Photo 2 of 2 of the Gallery laptop"');

    const token = await client.csrfFrom(`/admin/products/${product.id}/edit`);
    const moved = await client.postForm(`/admin/products/${product.id}/images/${green?.id ?? 0}/move`, { _csrf: token, direction: 'earlier' });
    expect(moved.statusCode).toBe(303);
    expect((await images(product.id)).map((image) => image.id)).toEqual([green?.id, red?.id]);
    expect((await client.postForm(`/admin/products/${product.id}/images/${green?.id ?? 0}/move`, { _csrf: token, direction: 'sideways' })).statusCode).toBe(400);

    expect((await client.postForm(`/admin/products/${product.id}/images/${green?.id ?? 0}/delete`, { _csrf: token })).statusCode).toBe(303);
    expect((await client.postForm(`/admin/products/${product.id}/images/${red?.id ?? 0}/delete`, { _csrf: token })).statusCode).toBe(303);
    expect((await client.postForm(`/admin/products/${product.id}/images/${red?.id ?? 0}/delete`, { _csrf: token })).statusCode).toBe(404);
    expect(await images(product.id)).toEqual([]);
    expect((await t.db.query('SELECT 1 FROM product_image_variants WHERE image_id = ANY($1::int[])', [[red?.id, green?.id]])).rows).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/products/${product.slug}` })).body).toContain(`/images/products/${product.slug}/`);
  });
});
