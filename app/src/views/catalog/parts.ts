import type { ProductCard } from '../../domain/catalog/products.js';
import { stockState } from '../../domain/catalog/stock.js';
import { html } from '../html.js';
import { illustrationSubject } from '../images/product-illustration.js';
import { productImage } from '../images/product-image.js';
import { formatPrice } from '../presenters/money.js';
import { stockLabel } from '../presenters/stock.js';

/**
 * One unit into the cart straight from a card: a plain form post, so it works without
 * JavaScript. The button's name carries the product's after its visible words ("Add to cart:
 * name"), as a grid holds many such buttons and speech input says what it sees.
 */
function cardBuyForm(product: ProductCard): string {
  if (stockState(product.stock) === 'out') return '';
  return html`<form class="card-buy" method="post" action="/cart/items">
    <input type="hidden" name="productId" value="${product.id}">
    <input type="hidden" name="quantity" value="1">
    <button type="submit">Add to cart<span class="visually-hidden">: ${product.name}</span></button>
  </form>`;
}

/** A product in a grid; `headingLevel` keeps headings in order on each page that lists them. */
export function productCard(product: ProductCard, headingLevel: 2 | 3 = 2): string {
  const title = html`<a href="/products/${product.slug}">${product.name}</a>`;
  const subject = { ...illustrationSubject(product), photos: product.photos };
  return html`<li class="product-card">
  !${productImage(subject, { alt: '', className: 'card-image', lazy: true })}
  !${headingLevel === 2 ? `<h2>${title}</h2>` : `<h3>${title}</h3>`}
  <p class="vendor">${product.vendor.name} · ${product.category.name}</p>
  <p class="price">${formatPrice(product.priceCents)}</p>
  <p>!${stockLabel(product.stock)}</p>
  !${cardBuyForm(product)}
</li>`;
}

export function productGrid(products: readonly ProductCard[], headingLevel: 2 | 3 = 2): string {
  return html`<ul class="product-grid">!${products.map((product) => productCard(product, headingLevel))}</ul>`;
}

export interface Crumb {
  label: string;
  href?: string;
}

export function breadcrumbs(crumbs: readonly Crumb[]): string {
  return html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>!${crumbs.map((crumb, index) =>
    index === crumbs.length - 1 || crumb.href === undefined
      ? html`<li><span aria-current="page">${crumb.label}</span></li>`
      : html`<li><a href="${crumb.href}">${crumb.label}</a></li>`,
  )}</ol></nav>`;
}

/**
 * Numbered links around the current page, first and last always shown, with rel prev/next.
 * `hrefFor` builds each page's address with the rest of the query kept.
 */
export function pagination(page: number, totalPages: number, hrefFor: (page: number) => string): string {
  if (totalPages <= 1) return '';
  const shown = new Set([1, totalPages]);
  for (let n = page - 2; n <= page + 2; n += 1) if (n >= 1 && n <= totalPages) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const items: string[] = [];
  if (page > 1) items.push(html`<li><a href="${hrefFor(Math.min(page - 1, totalPages))}" rel="prev">Previous</a></li>`);
  let previous = 0;
  for (const n of numbers) {
    if (n - previous > 1) items.push('<li><span aria-hidden="true">…</span></li>');
    items.push(
      n === page
        ? html`<li><a href="${hrefFor(n)}" aria-current="page" aria-label="Page ${n}, current page">${n}</a></li>`
        : html`<li><a href="${hrefFor(n)}" aria-label="Page ${n}">${n}</a></li>`,
    );
    previous = n;
  }
  if (page < totalPages) items.push(html`<li><a href="${hrefFor(page + 1)}" rel="next">Next</a></li>`);
  return html`<nav aria-label="Pagination"><ul class="pagination">!${items}</ul></nav>`;
}

