import type { Product } from '../../domain/catalog/products.js';
import { html } from '../html.js';
import { illustrationSubject } from './product-illustration.js';
import { photoImage, productImage } from './product-image.js';

/**
 * The product page's pictures: the first uploaded photo large, the others below it, each a
 * link to its largest rendition (works without JavaScript); the drawn illustration when
 * nothing was uploaded.
 */
export function productGallery(product: Product): string {
  const subject = illustrationSubject(product);
  const [first, ...others] = product.photos;
  if (first === undefined) {
    return html`<figure class="product-gallery">
      !${productImage(subject, { alt: `Illustration of the ${product.name}`, className: 'product-image', lazy: false })}
    </figure>`;
  }
  const count = product.photos.length;
  const largest = (photo: typeof first) => photo.variants[photo.variants.length - 1]?.url ?? '';
  return html`<figure class="product-gallery">
      <a href="${largest(first)}">!${photoImage(first, { alt: count === 1 ? `Photo of the ${product.name}` : `Photo 1 of ${count} of the ${product.name}`, className: 'product-image', lazy: false })}</a>
      !${others.length === 0
        ? ''
        : html`<ul class="gallery-thumbs">!${others.map(
            (photo, index) => html`<li><a href="${largest(photo)}">!${photoImage(photo, { alt: `Photo ${index + 2} of ${count} of the ${product.name}`, className: 'gallery-thumb', lazy: true })}</a></li>`,
          )}</ul>`}
    </figure>`;
}
