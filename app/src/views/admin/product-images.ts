import type { AdminProductImage } from '../../domain/admin/product-images.js';
import { maxImageSide, maxImagesPerProduct, maxUploadBytes } from '../../domain/images/upload-limits.js';
import { html } from '../html.js';
import { formatFileSize } from '../presenters/file-size.js';
import { csrfField } from './layout.js';

const typeLabels: Record<string, string> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' };

function imageRow(productId: number, image: AdminProductImage, index: number, count: number, csrfToken: string): string {
  const base = `/admin/products/${productId}/images/${image.id}`;
  const label = `image ${index + 1}`;
  const move = (direction: 'earlier' | 'later', text: string) => html`<form class="inline-form" method="post" action="${base}/move">
      !${csrfField(csrfToken)}<input type="hidden" name="direction" value="${direction}">
      <button type="submit" class="secondary" aria-label="${text}: ${label}">${text}</button>
    </form>`;
  return html`<li class="admin-image">
  <img src="${image.thumbnailUrl}" width="${image.width}" height="${image.height}" alt="Image ${index + 1} of ${count}" class="admin-thumb">
  <p>${typeLabels[image.contentType] ?? image.contentType}, ${image.width} × ${image.height} pixels, ${formatFileSize(image.byteSize)}${index === 0 ? ' (shown first)' : ''}</p>
  <div class="toolbar">
    !${index > 0 ? move('earlier', 'Move earlier') : ''}
    !${index < count - 1 ? move('later', 'Move later') : ''}
    <form class="inline-form" method="post" action="${base}/delete">
      !${csrfField(csrfToken)}
      <button type="submit" class="danger" aria-label="Delete ${label}">Delete</button>
    </form>
  </div>
</li>`;
}

/** The edit page's photo section: the gallery in order, with move and delete, and the upload form. */
export function productImagesSection(options: { productId: number; images: AdminProductImage[]; csrfToken: string; error?: string | undefined }): string {
  const { productId, images, csrfToken, error } = options;
  const hint = `PNG, JPEG or WebP, up to ${maxUploadBytes / 1024 / 1024} MiB and ${maxImageSide} pixels on each side. At most ${maxImagesPerProduct} images; the first is shown on cards.`;
  return html`<section aria-labelledby="images-title" id="images">
  <h2 id="images-title">Images</h2>
  !${images.length === 0
    ? html`<p>No images yet: the shop shows the product's drawn illustration.</p>`
    : html`<ol class="admin-images">!${images.map((image, index) => imageRow(productId, image, index, images.length, csrfToken))}</ol>`}
  !${error === undefined ? '' : html`<p class="notice error" role="alert">Nothing was uploaded.</p>`}
  <form method="post" action="/admin/products/${productId}/images" enctype="multipart/form-data">
    !${csrfField(csrfToken)}
    <div class="field">
      <label for="image">Add an image</label>
      <input id="image" name="image" type="file" accept="image/png,image/jpeg,image/webp" required aria-describedby="image-hint!${error === undefined ? '' : ' image-error'}"!${error === undefined ? '' : ' aria-invalid="true"'}>
      <small id="image-hint">${hint}</small>
      !${error === undefined ? '' : html`<p class="field-error" id="image-error">${error}</p>`}
    </div>
    <button type="submit">Upload image</button>
  </form>
</section>`;
}
