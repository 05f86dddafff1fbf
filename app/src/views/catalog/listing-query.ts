import type { ProductSort } from '../../domain/catalog/products.js';
import { specFacetKeys, type SpecFacetKey, type SpecSelection } from '../../domain/catalog/spec-facets.js';
import { dollars } from '../presenters/money.js';

/** The filters a catalog page was asked for, as the visitor sent them (prices in cents). */
export interface ListingState {
  q?: string | undefined;
  vendors: readonly string[];
  category?: string | undefined;
  minCents?: number | undefined;
  maxCents?: number | undefined;
  inStock: boolean;
  /** Spec filters by normalised value id (spec-facets.ts). */
  specs: SpecSelection;
  sort?: ProductSort | undefined;
  page: number;
}

/** What a listing address leaves out: a page number, a fixed facet, one filter to remove. */
export interface QueryOverrides {
  page?: number;
  omit?: 'vendor' | 'category' | undefined;
  sort?: ProductSort | null;
  without?: Removal;
}

/** One active filter, as a chip removes it. */
export type Removal =
  | { kind: 'vendor' | SpecFacetKey; value: string }
  | { kind: 'category' | 'min' | 'max' | 'inStock' };

function removes(removal: Removal | undefined, kind: Removal['kind'], value?: string): boolean {
  return removal !== undefined && removal.kind === kind && (!('value' in removal) || removal.value === value);
}

/**
 * The parameters of a listing in a fixed order so one listing has one address (canonical
 * links, caches). Page 1 is left out: it is the same page as no page at all.
 */
export function listingParams(state: ListingState, overrides: QueryOverrides = {}): URLSearchParams {
  const params = new URLSearchParams();
  const { without } = overrides;
  if (state.q !== undefined && state.q !== '') params.set('q', state.q);
  if (overrides.omit !== 'vendor') for (const vendor of state.vendors) if (!removes(without, 'vendor', vendor)) params.append('vendor', vendor);
  if (overrides.omit !== 'category' && state.category !== undefined && !removes(without, 'category')) params.set('category', state.category);
  if (state.minCents !== undefined && !removes(without, 'min')) params.set('min', dollars(state.minCents));
  if (state.maxCents !== undefined && !removes(without, 'max')) params.set('max', dollars(state.maxCents));
  if (state.inStock && !removes(without, 'inStock')) params.set('inStock', 'true');
  for (const key of specFacetKeys) for (const value of state.specs[key] ?? []) if (!removes(without, key, value)) params.append(key, value);
  const sort = overrides.sort === null ? undefined : (overrides.sort ?? state.sort);
  if (sort !== undefined) params.set('sort', sort);
  const page = overrides.page ?? state.page;
  if (page > 1) params.set('page', String(page));
  return params;
}

export function listingQueryString(state: ListingState, overrides: QueryOverrides = {}): string {
  const text = listingParams(state, overrides).toString();
  return text === '' ? '' : `?${text}`;
}

