import type { ProductPhoto } from '../../domain/catalog/product-photos.js';
import { html } from '../html.js';
import { illustrationHeight, illustrationWidth, productImageUrl, type IllustrationSubject } from './product-illustration.js';

export interface ProductImageOptions {
  /** Empty where the product's name is right beside the picture (cards, cart lines): it would be read twice. */
  alt: string;
  className: string;
  /** The first screenful loads at once; pictures further down wait until they are scrolled to. */
  lazy: boolean;
}

// How wide each place draws its picture (site.css), so the browser picks the smallest
// rendition that is still sharp on the screen it has.
const sizesByClass: Record<string, string> = {
  'card-image': '(max-width: 640px) 100vw, 280px',
  'product-image': '(max-width: 800px) 100vw, 32rem',
  'gallery-thumb': '8rem',
  'line-image': '4rem',
};

/** An uploaded photo with every rendition in its srcset, sized so nothing shifts as it loads. */
export function photoImage(photo: ProductPhoto, options: ProductImageOptions): string {
  const variants = photo.variants;
  const fallback = variants.find((variant) => variant.width >= 640) ?? variants[variants.length - 1];
  const srcset = variants.map((variant) => `${variant.url} ${variant.width}w`).join(', ');
  return html`<img class="${options.className}" src="${fallback?.url ?? ''}" srcset="${srcset}" sizes="${sizesByClass[options.className] ?? '100vw'}" width="${photo.width}" height="${photo.height}" alt="${options.alt}"!${options.lazy ? ' loading="lazy"' : ''} decoding="async">`;
}

/**
 * The product's first uploaded photo, or (without one) its drawn illustration, with its
 * intrinsic size, so nothing shifts as it loads.
 */
export function productImage(subject: IllustrationSubject & { photos?: readonly ProductPhoto[] }, options: ProductImageOptions): string {
  const photo = subject.photos?.[0];
  if (photo !== undefined) return photoImage(photo, options);
  return html`<img class="${options.className}" src="${productImageUrl(subject)}" width="${illustrationWidth}" height="${illustrationHeight}" alt="${options.alt}"!${options.lazy ? ' loading="lazy"' : ''} decoding="async">`;
}
