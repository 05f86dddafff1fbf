import type { Category } from '../../domain/catalog/categories.js';
import type { ProductCard, ProductPage, ProductSort } from '../../domain/catalog/products.js';
import type { Vendor } from '../../domain/catalog/vendors.js';
import { html } from '../html.js';
import { pagination, productGrid } from './parts.js';

/** The filters a catalog page was asked for, as the visitor sent them (prices in cents). */
export interface ListingState {
  q?: string | undefined;
  vendors: readonly string[];
  category?: string | undefined;
  minCents?: number | undefined;
  maxCents?: number | undefined;
  inStock: boolean;
  sort?: ProductSort | undefined;
  page: number;
}

function dollars(cents: number): string {
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2);
}

/**
 * The query string of a listing, parameters in a fixed order so one listing has one address
 * (canonical links, caches). Page 1 is left out: it is the same page as no page at all.
 */
export function listingQueryString(state: ListingState, overrides: { page?: number; omit?: 'vendor' | 'category' } = {}): string {
  const params = new URLSearchParams();
  if (state.q !== undefined && state.q !== '') params.set('q', state.q);
  if (overrides.omit !== 'vendor') for (const vendor of state.vendors) params.append('vendor', vendor);
  if (overrides.omit !== 'category' && state.category !== undefined) params.set('category', state.category);
  if (state.minCents !== undefined) params.set('min', dollars(state.minCents));
  if (state.maxCents !== undefined) params.set('max', dollars(state.maxCents));
  if (state.inStock) params.set('inStock', 'true');
  if (state.sort !== undefined) params.set('sort', state.sort);
  const page = overrides.page ?? state.page;
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const sortLabels: Record<ProductSort, string> = {
  relevance: 'Best match',
  newest: 'Newest first',
  price_asc: 'Price: low to high',
  price_desc: 'Price: high to low',
  name: 'Name: A to Z',
};

export interface ListingOptions {
  /** Where the filter form and pagination links point: /products, /search, /categories/x... */
  basePath: string;
  state: ListingState;
  result: ProductPage<ProductCard>;
  vendors: readonly Vendor[];
  categories: readonly Category[];
  /** A facet fixed by the page itself (a vendor's or category's page) is not offered as a filter. */
  fixed?: 'vendor' | 'category';
}

function filterForm(options: ListingOptions): string {
  const { state, basePath, vendors, categories, fixed } = options;
  const hasQuery = state.q !== undefined && state.q !== '';
  const sorts = (Object.keys(sortLabels) as ProductSort[]).filter((sort) => sort !== 'relevance' || hasQuery);
  // The order actually applied: asking for relevance without search text gives newest.
  const selectedSort = options.result.sort;
  const vendorBoxes =
    fixed === 'vendor'
      ? ''
      : html`<fieldset>
    <legend>Vendor</legend>
    !${vendors.map(
      (vendor) => html`<div><input type="checkbox" id="filter-vendor-${vendor.slug}" name="vendor" value="${vendor.slug}"!${state.vendors.includes(vendor.slug) ? ' checked' : ''}>
      <label for="filter-vendor-${vendor.slug}">${vendor.name}</label></div>`,
    )}
  </fieldset>`;
  const categorySelect =
    fixed === 'category'
      ? ''
      : html`<div class="field">
    <label for="filter-category">Category</label>
    <select id="filter-category" name="category">
      <option value="">All categories</option>
      !${categories.map((category) => html`<option value="${category.slug}"!${state.category === category.slug ? ' selected' : ''}>${category.name}</option>`)}
    </select>
  </div>`;
  // Closed on phones behind a "Filters" button, so the results come first; a details element
  // opens without JavaScript. Wide screens show the form beside the results whatever its state
  // (site.css, ::details-content).
  return html`<details class="filters-panel">
<summary class="button secondary">Filters</summary>
<form class="filters" method="get" action="${basePath}" aria-label="Filter products">
  !${hasQuery ? html`<input type="hidden" name="q" value="${state.q ?? ''}">` : ''}
  !${categorySelect}
  !${vendorBoxes}
  <fieldset>
    <legend>Price (USD)</legend>
    <div class="field">
      <label for="filter-min">Minimum price ($)</label>
      <input id="filter-min" name="min" type="number" min="0" step="0.01" inputmode="decimal" value="${state.minCents === undefined ? '' : dollars(state.minCents)}">
    </div>
    <div class="field">
      <label for="filter-max">Maximum price ($)</label>
      <input id="filter-max" name="max" type="number" min="0" step="0.01" inputmode="decimal" value="${state.maxCents === undefined ? '' : dollars(state.maxCents)}">
    </div>
  </fieldset>
  <div class="field">
    <div><input type="checkbox" id="filter-in-stock" name="inStock" value="true"!${state.inStock ? ' checked' : ''}>
    <label for="filter-in-stock">In stock only</label></div>
  </div>
  <div class="field">
    <label for="filter-sort">Sort by</label>
    <select id="filter-sort" name="sort">
      !${sorts.map((sort) => html`<option value="${sort}"!${sort === selectedSort ? ' selected' : ''}>${sortLabels[sort]}</option>`)}
    </select>
  </div>
  <button type="submit">Apply filters</button>
  <a class="button secondary" href="${basePath}${hasQuery ? `?q=${encodeURIComponent(state.q ?? '')}` : ''}">Clear filters</a>
</form>
</details>`;
}

function summary(result: ProductPage<ProductCard>): string {
  if (result.total === 0) return html`<p role="status">No products found.</p>`;
  if (result.items.length === 0) return html`<p role="status">${result.total} ${result.total === 1 ? 'product' : 'products'} found.</p>`;
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.items.length - 1;
  return html`<p role="status">Showing ${first}–${last} of ${result.total} ${result.total === 1 ? 'product' : 'products'}.</p>`;
}

/** Filter form, result count, products and pagination: the body of every listing page. */
export function listingSection(options: ListingOptions): string {
  const { result, state, basePath, fixed } = options;
  const hrefFor = (page: number): string => `${basePath}${listingQueryString(state, { page, ...(fixed === undefined ? {} : { omit: fixed }) })}`;
  let notice = '';
  if (result.total === 0) {
    notice = html`<p class="notice warn">No products match these filters. Try fewer filters or <a href="${basePath}">show everything</a>.</p>`;
  } else if (result.items.length === 0) {
    notice = html`<p class="notice warn">Page ${result.page} is past the end of these results, which stop at page ${result.totalPages}. <a href="${hrefFor(1)}">Go to the first page</a> or <a href="${hrefFor(result.totalPages)}">the last page</a>.</p>`;
  }
  return html`<div class="catalog">
  !${filterForm(options)}
  <section aria-label="Products">
    <div class="toolbar">!${summary(result)}</div>
    !${notice}
    !${result.items.length > 0 ? productGrid(result.items) : ''}
    !${result.items.length > 0 ? pagination(result.page, result.totalPages, hrefFor) : ''}
  </section>
</div>`;
}
