import type { Product, ProductCard } from '../../domain/catalog/products.js';
import { stockState } from '../../domain/catalog/stock.js';
import { shopPolicy } from '../../domain/shop-policy.js';
import { html } from '../html.js';
import { productGallery } from '../images/product-gallery.js';
import { illustrationSubject, productImageUrl } from '../images/product-illustration.js';
import { decimalPrice, formatPrice } from '../presenters/money.js';
import { specRows } from '../presenters/specs.js';
import { stockLabel } from '../presenters/stock.js';
import { breadcrumbs, productGrid } from './parts.js';

function specsTable(specs: Record<string, unknown>): string {
  const rows = specRows(specs);
  if (rows.length === 0) return '';
  return html`<h2 id="specs-title">Specifications</h2>
<div class="table-scroll"><table class="specs" aria-labelledby="specs-title">
  <tbody>!${rows.map((row) => html`<tr><th scope="row">${row.label}</th><td>${row.value}</td></tr>`)}</tbody>
</table></div>`;
}

function buyBox(product: Product): string {
  const price = html`<p class="price">${formatPrice(product.priceCents)}</p>`;
  if (stockState(product.stock) === 'out') {
    return html`<aside class="buy-box" aria-label="Purchase">
  !${price}
  <p class="notice warn">Out of stock. This product cannot be ordered at the moment.</p>
</aside>`;
  }
  const maxQuantity = Math.min(product.stock, 99);
  return html`<aside class="buy-box" aria-label="Purchase">
  !${price}
  <p>!${stockLabel(product.stock)}</p>
  <form method="post" action="/cart/items">
    <input type="hidden" name="productId" value="${product.id}">
    <div class="field">
      <label for="quantity">Quantity</label>
      <input id="quantity" name="quantity" type="number" min="1" max="${maxQuantity}" step="1" value="1" required inputmode="numeric">
    </div>
    <button type="submit">Add to cart</button>
  </form>
</aside>`;
}

/** Delivery, returns and warranty, from the shop's one statement of them (shop-policy.ts). */
function policyBlock(): string {
  return html`<section class="policy" aria-labelledby="policy-title">
  <h2 id="policy-title">Delivery, returns and warranty</h2>
  <dl>
    <dt>Delivery</dt><dd>${shopPolicy.delivery}</dd>
    <dt>Returns</dt><dd>${shopPolicy.returns}</dd>
    <dt>Warranty</dt><dd>${shopPolicy.warranty}</dd>
  </dl>
</section>`;
}

export function productPage(product: Product, related: readonly ProductCard[]): string {
  const paragraphs = product.description.split(/\n{2,}/).filter((text) => text.trim() !== '');
  return html`!${breadcrumbs([
    { label: 'Home', href: '/' },
    { label: product.category.name, href: `/categories/${product.category.slug}` },
    { label: product.vendor.name, href: `/categories/${product.category.slug}?vendor=${encodeURIComponent(product.vendor.slug)}` },
    { label: product.name },
  ])}
<article class="product-detail" aria-labelledby="product-title">
  <div class="product-head">
    <h1 id="product-title">${product.name}</h1>
    <p>by <a href="/vendors/${product.vendor.slug}">${product.vendor.name}</a> · SKU <span>${product.sku}</span></p>
  </div>
  !${buyBox(product)}
  <div class="product-body">
    !${productGallery(product)}
    !${paragraphs.map((text) => html`<p>${text}</p>`)}
    !${specsTable(product.specs)}
    !${policyBlock()}
  </div>
</article>
!${related.length > 0
  ? html`<section aria-labelledby="related-title">
  <h2 id="related-title">Related products</h2>
  !${productGrid(related, 3)}
</section>`
  : ''}`;
}

/** Absolute addresses of the product's pictures: each photo's largest rendition, or the drawing. */
function pictureUrls(product: Product, pageUrl: string): string[] {
  const paths = product.photos.length > 0
    ? product.photos.flatMap((photo) => photo.variants.slice(-1).map((variant) => variant.url))
    : [productImageUrl(illustrationSubject(product))];
  return paths.map((path) => new URL(path, pageUrl).toString());
}

/** schema.org Product for search engines; price as a decimal string in dollars. */
export function productJsonLd(product: Product, url: string): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.name,
    sku: product.sku,
    description: product.description,
    image: pictureUrls(product, url),
    brand: { '@type': 'Brand', name: product.vendor.name },
    category: product.category.name,
    url,
    offers: {
      '@type': 'Offer',
      url,
      price: decimalPrice(product.priceCents),
      priceCurrency: 'USD',
      availability: product.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      itemCondition: 'https://schema.org/NewCondition',
    },
  };
}

/** A meta description under about 160 characters, cut at a word. */
export function metaDescription(text: string, fallback: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean === '') return fallback;
  if (clean.length <= 160) return clean;
  const cut = clean.slice(0, 157);
  const space = cut.lastIndexOf(' ');
  return `${(space > 100 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, '')}...`;
}
