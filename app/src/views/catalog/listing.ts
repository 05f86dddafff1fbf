import type { Category } from '../../domain/catalog/categories.js';
import type { FacetCounts, FacetOption } from '../../domain/catalog/facets.js';
import type { ProductCard, ProductPage, ProductSort } from '../../domain/catalog/products.js';
import { specFacetKeys, specFacetLabels, type SpecFacetKey } from '../../domain/catalog/spec-facets.js';
import type { Vendor } from '../../domain/catalog/vendors.js';
import { html } from '../html.js';
import { activeFilters } from './active-filters.js';
import { dollars } from '../presenters/money.js';
import { listingParams, listingQueryString, type ListingState } from './listing-query.js';
import { pagination, productGrid } from './parts.js';

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
  /** Counts per vendor, category and spec value, following the other filters. */
  facets: FacetCounts;
  vendors: readonly Vendor[];
  categories: readonly Category[];
  /** A facet fixed by the page itself (a vendor's or category's page) is not offered as a filter. */
  fixed?: 'vendor' | 'category';
}

function countText(count: number): string {
  return ` (${count})`;
}

/** Only what has products in the current selection, plus what the shopper already picked. */
function offered<Item>(items: readonly Item[], count: (item: Item) => number, selected: (item: Item) => boolean): Item[] {
  return items.filter((item) => count(item) > 0 || selected(item));
}

function vendorFieldset(options: ListingOptions): string {
  const { state, vendors, facets } = options;
  const shown = offered(vendors, (vendor) => facets.vendors.get(vendor.slug) ?? 0, (vendor) => state.vendors.includes(vendor.slug));
  if (shown.length === 0) return '';
  return html`<fieldset>
    <legend>Vendor</legend>
    !${shown.map(
      (vendor) => html`<div><input type="checkbox" id="filter-vendor-${vendor.slug}" name="vendor" value="${vendor.slug}"!${state.vendors.includes(vendor.slug) ? ' checked' : ''}>
      <label for="filter-vendor-${vendor.slug}">${vendor.name}<span class="count">${countText(facets.vendors.get(vendor.slug) ?? 0)}</span></label></div>`,
    )}
  </fieldset>`;
}

function categoryField(options: ListingOptions): string {
  const { state, categories, facets } = options;
  const shown = offered(categories, (category) => facets.categories.get(category.slug) ?? 0, (category) => state.category === category.slug);
  return html`<div class="field">
    <label for="filter-category">Category</label>
    <select id="filter-category" name="category">
      <option value="">All categories</option>
      !${shown.map((category) => html`<option value="${category.slug}"!${state.category === category.slug ? ' selected' : ''}>${category.name}${countText(facets.categories.get(category.slug) ?? 0)}</option>`)}
    </select>
  </div>`;
}

function specFieldset(key: SpecFacetKey, facetOptions: readonly FacetOption[]): string {
  const shown = offered(facetOptions, (option) => option.count, (option) => option.selected);
  if (shown.length === 0) return '';
  return html`<fieldset>
    <legend>${specFacetLabels[key]}</legend>
    !${shown.map(
      (option) => html`<div><input type="checkbox" id="filter-${key}-${option.id}" name="${key}" value="${option.id}"!${option.selected ? ' checked' : ''}>
      <label for="filter-${key}-${option.id}">${option.label}<span class="count">${countText(option.count)}</span></label></div>`,
    )}
  </fieldset>`;
}

function filterForm(options: ListingOptions): string {
  const { state, basePath, fixed, facets } = options;
  const hasQuery = state.q !== undefined && state.q !== '';
  // Closed on phones behind a "Filters" button, so the results come first; a details element
  // opens without JavaScript. Wide screens show the form beside the results whatever its state
  // (site.css, ::details-content).
  return html`<details class="filters-panel">
<summary class="button secondary">Filters</summary>
<form class="filters" method="get" action="${basePath}" aria-label="Filter products">
  !${hasQuery ? html`<input type="hidden" name="q" value="${state.q ?? ''}">` : ''}
  !${state.sort === undefined ? '' : html`<input type="hidden" name="sort" value="${state.sort}">`}
  !${fixed === 'category' ? '' : categoryField(options)}
  !${fixed === 'vendor' ? '' : vendorFieldset(options)}
  !${specFacetKeys.map((key) => specFieldset(key, facets.specs[key]))}
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
  <button type="submit">Apply filters</button>
  <a class="button secondary" href="${basePath}${hasQuery ? `?q=${encodeURIComponent(state.q ?? '')}` : ''}">Clear filters</a>
</form>
</details>`;
}

/**
 * The order of the results, above them: a form of its own that keeps every applied filter in
 * hidden fields and starts again at page 1; it works without JavaScript.
 */
function sortForm(options: ListingOptions): string {
  const { state, basePath, fixed } = options;
  const hasQuery = state.q !== undefined && state.q !== '';
  const sorts = (Object.keys(sortLabels) as ProductSort[]).filter((sort) => sort !== 'relevance' || hasQuery);
  // The order actually applied: asking for relevance without search text gives newest.
  const selectedSort = options.result.sort;
  const kept = [...listingParams(state, { page: 1, sort: null, ...(fixed === undefined ? {} : { omit: fixed }) })];
  return html`<form class="sort-form" method="get" action="${basePath}" aria-label="Sort products">
  !${kept.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
  <label for="sort">Sort by</label>
  <select id="sort" name="sort">
    !${sorts.map((sort) => html`<option value="${sort}"!${sort === selectedSort ? ' selected' : ''}>${sortLabels[sort]}</option>`)}
  </select>
  <button type="submit" class="secondary">Sort</button>
</form>`;
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
    !${activeFilters(options)}
    <div class="toolbar">!${summary(result)}!${sortForm(options)}</div>
    !${notice}
    !${result.items.length > 0 ? productGrid(result.items) : ''}
    !${result.items.length > 0 ? pagination(result.page, result.totalPages, hrefFor) : ''}
  </section>
</div>`;
}
