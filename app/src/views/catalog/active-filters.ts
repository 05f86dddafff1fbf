import { specFacetKeys, specFacetLabels } from '../../domain/catalog/spec-facets.js';
import { html } from '../html.js';
import type { ListingOptions } from './listing.js';
import { dollars } from '../presenters/money.js';
import { listingQueryString, type Removal } from './listing-query.js';

interface Chip {
  label: string;
  removal: Removal;
}

function chipsOf(options: ListingOptions): Chip[] {
  const { state, vendors, categories, facets } = options;
  const chips: Chip[] = [];
  if (state.category !== undefined) {
    const name = categories.find((category) => category.slug === state.category)?.name ?? state.category;
    chips.push({ label: `Category: ${name}`, removal: { kind: 'category' } });
  }
  for (const slug of state.vendors) {
    const name = vendors.find((vendor) => vendor.slug === slug)?.name ?? slug;
    chips.push({ label: `Vendor: ${name}`, removal: { kind: 'vendor', value: slug } });
  }
  for (const key of specFacetKeys) {
    for (const id of state.specs[key] ?? []) {
      const label = facets.specs[key].find((option) => option.id === id)?.label ?? id;
      chips.push({ label: `${specFacetLabels[key]}: ${label}`, removal: { kind: key, value: id } });
    }
  }
  if (state.minCents !== undefined) chips.push({ label: `From $${dollars(state.minCents)}`, removal: { kind: 'min' } });
  if (state.maxCents !== undefined) chips.push({ label: `Up to $${dollars(state.maxCents)}`, removal: { kind: 'max' } });
  if (state.inStock) chips.push({ label: 'In stock only', removal: { kind: 'inStock' } });
  return chips;
}

/**
 * The filters in force, each a link to the same listing without it (back to page 1, the rest
 * and the sort kept), and "Clear all". Plain links: they work without JavaScript.
 */
export function activeFilters(options: ListingOptions): string {
  const chips = chipsOf(options);
  if (chips.length === 0) return '';
  const { state, basePath, fixed } = options;
  const omit = fixed === undefined ? {} : { omit: fixed };
  const hrefWithout = (removal: Removal): string => `${basePath}${listingQueryString(state, { page: 1, without: removal, ...omit })}`;
  const clearAll = `${basePath}${listingQueryString({ q: state.q, vendors: [], inStock: false, specs: {}, sort: state.sort, page: 1 })}`;
  return html`<div class="active-filters" role="group" aria-label="Active filters">
  <ul class="chips">
    !${chips.map((chip) => html`<li><a class="chip" href="${hrefWithout(chip.removal)}"><span class="visually-hidden">Remove </span>${chip.label}<span aria-hidden="true"> ×</span></a></li>`)}
    <li><a class="chip clear" href="${clearAll}">Clear all</a></li>
  </ul>
</div>`;
}
