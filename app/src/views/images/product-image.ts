import { html } from '../html.js';
import { illustrationHeight, illustrationWidth, productImageUrl, type IllustrationSubject } from './product-illustration.js';

export interface ProductImageOptions {
  /** Empty where the product's name is right beside the picture (cards, cart lines): it would be read twice. */
  alt: string;
  className: string;
  /** The first screenful loads at once; pictures further down wait until they are scrolled to. */
  lazy: boolean;
}

/** An <img> of the product's illustration with its intrinsic size, so nothing shifts as it loads. */
export function productImage(subject: IllustrationSubject, options: ProductImageOptions): string {
  return html`<img class="${options.className}" src="${productImageUrl(subject)}" width="${illustrationWidth}" height="${illustrationHeight}" alt="${options.alt}"!${options.lazy ? ' loading="lazy"' : ''} decoding="async">`;
}
