import type { Database } from '../../db/database.js';
import type { CatalogCache } from './catalog-cache.js';
import { refreshFacetValuesOnce } from './facet-values-refresh.js';
import { selectionKey, specOptions, type FacetCounts, type FacetOption, type Tally } from './facets.js';
import { facetValueIdSql, filterWhere, listProductCards, productFrom, type ProductCard, type ProductFilters, type ProductPage } from './products.js';
import { specFacetKeys, specFacetRulesVersion, type SpecFacetKey, type SpecFacetValue } from './spec-facets.js';

/** A listing page with the counts of every facet beside it. */
export interface FacetedPage<Item extends ProductCard = ProductCard> {
  result: ProductPage<Item>;
  facets: FacetCounts;
}

export interface FacetListingOptions {
  /** Remembers facet counts between requests for the cache's TTL (CATALOG_SNAPSHOT=false only). */
  counts?: Pick<CatalogCache, 'remember' | 'forget'>;
}

/**
 * What the counting statement answers: one row per value of each facet (its column set, the
 * others null), and one row for the whole selection. `grouping` says which: the bit of each
 * facet not grouped by in the row is 1 (PostgreSQL's GROUPING()). One jsonb column, not an
 * array of them: the driver parses a jsonb[] slowly.
 */
interface CountRow {
  grouping: number;
  /** The value counted: a vendor's or category's slug, a spec facet's value; null in the whole selection's row. */
  value: string | SpecFacetValue | null;
  n: number;
  matches: number;
  stale: number;
}

interface SqlCounts {
  facets: FacetCounts;
  total: number;
  /** Candidates whose stored facet values were missing or from older rules when counted. */
  stale: number;
}

type FacetName = 'vendor' | 'category' | SpecFacetKey;
const facetNames: readonly FacetName[] = ['vendor', 'category', ...specFacetKeys];

/**
 * The counts of every facet over the candidates (active, matching search text, price and stock),
 * in one statement and one pass. As in countFacets (facets.ts), the count beside a value is how
 * many products match every other active filter plus that value: a candidate failing no facet
 * counts in every facet, one failing exactly one facet counts in that facet only. So each
 * candidate shows a facet's value only where it counts, and one grouping set per facet counts
 * them. Spec facets read the values stored with each product (migration 009), which the same
 * rules derived as the snapshot's.
 */
async function countInSql(db: Database, filters: ProductFilters): Promise<SqlCounts> {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const { where } = filterWhere(filters, param);
  const narrowed = (values: readonly string[] | undefined): string | undefined => (values !== undefined && values.length > 0 ? param([...values]) : undefined);
  const accepts: Record<FacetName, string | undefined> = {
    vendor: narrowed(filters.vendors),
    category: filters.category === undefined ? undefined : param([filters.category]),
    ...(Object.fromEntries(specFacetKeys.map((key) => [key, narrowed(filters.specs?.[key])])) as Record<SpecFacetKey, string | undefined>),
  };
  const value = (name: FacetName): string => (name === 'vendor' ? 'v.slug' : name === 'category' ? 'c.slug' : `p.facet_values -> '${name}'`);
  const id = (name: FacetName): string => (name === 'vendor' || name === 'category' ? value(name) : facetValueIdSql(name));
  const active = facetNames.filter((name) => accepts[name] !== undefined);
  const passes = (name: FacetName): string => `coalesce(${id(name)} = ANY(${accepts[name] ?? ''}::text[]), false)`;
  const failures = active.length === 0 ? '0' : active.map((name) => `(NOT ${passes(name)})::int`).join(' + ');
  // A candidate counts in a facet it passes when it fails nothing else, in one it fails when
  // that is its only failure.
  const shown = (name: FacetName): string =>
    accepts[name] === undefined
      ? `CASE WHEN failures = 0 THEN ${name} END AS ${name}`
      : `CASE WHEN failures = 0 OR (failures = 1 AND NOT ${name}_passes) THEN ${name} END AS ${name}`;
  const inner = [
    ...facetNames.map((name) => `${value(name)} AS ${name}`),
    ...active.map((name) => `${passes(name)} AS ${name}_passes`),
    `${failures} AS failures`,
    `p.facet_values_version IS DISTINCT FROM ${param(specFacetRulesVersion)} AS stale`,
  ];
  // nosemgrep: sql-built-from-strings -- fixed fragments chosen by the code ($n placeholders for every value)
  const { rows } = await db.query<CountRow>(
    `SELECT GROUPING(${facetNames.join(', ')}) AS grouping, coalesce(${facetNames.map((name) => `to_jsonb(${name})`).join(', ')}) AS value,
            count(*)::int AS n, count(*) FILTER (WHERE failures = 0)::int AS matches, count(*) FILTER (WHERE stale)::int AS stale
       FROM (SELECT ${facetNames.map(shown).join(', ')}, failures, stale
               FROM (SELECT ${inner.join(', ')} FROM ${productFrom} WHERE ${where.join(' AND ')}) AS candidate) AS counted
      GROUP BY GROUPING SETS ((), ${facetNames.map((name) => `(${name})`).join(', ')})`,
    params,
  );
  return fromRows(rows, filters);
}

function fromRows(rows: readonly CountRow[], filters: ProductFilters): SqlCounts {
  const vendors = new Map<string, number>();
  const categories = new Map<string, number>();
  const tallies = new Map<SpecFacetKey, Map<string, Tally>>(specFacetKeys.map((key) => [key, new Map()]));
  const everything = 2 ** facetNames.length - 1;
  let total = 0;
  let stale = 0;
  for (const row of rows) {
    if (row.grouping === everything) {
      total = row.matches;
      stale = row.stale;
      continue;
    }
    const index = facetNames.findIndex((_, position) => (row.grouping & (1 << (facetNames.length - 1 - position))) === 0);
    const name = facetNames[index];
    const shown = row.value;
    // The group of candidates that do not count in this facet.
    if (name === undefined || shown === null) continue;
    if (typeof shown === 'string') {
      if (name === 'vendor') vendors.set(shown, row.n);
      else if (name === 'category') categories.set(shown, row.n);
    } else if (name !== 'vendor' && name !== 'category') {
      // One id may come with two labels (values derived from different specs): one option.
      const facet = tallies.get(name);
      const tally = facet?.get(shown.id);
      if (tally === undefined) facet?.set(shown.id, { count: row.n, value: shown });
      else tally.count += row.n;
    }
  }
  const specs = {} as Record<SpecFacetKey, readonly FacetOption[]>;
  for (const key of specFacetKeys) specs[key] = specOptions(key, tallies.get(key) ?? new Map(), filters.specs?.[key]);
  return { facets: { vendors, categories, specs }, total, stale };
}

/** A filter's identity for the counts cache: the same filter on another page or in another order shares one. */
function countsKey(filters: ProductFilters): string {
  const selection = selectionKey({ vendors: filters.vendors, category: filters.category, specs: filters.specs });
  return JSON.stringify(['facets', filters.q ?? '', filters.minPriceCents ?? null, filters.maxPriceCents ?? null, filters.inStock === true, selection]);
}

/**
 * The database's answer to a listing with facet counts (the snapshot answers the same in
 * memory, see CatalogSnapshot.listWithFacets): the page and the counts, as two statements at
 * once. When the counting meets products whose stored facet values are stale (the page's spec
 * filters read them too), they are derived again and both are asked anew; a product edited
 * during that second round counts as having no spec values until the next request.
 */
export async function listWithFacets(db: Database, filters: ProductFilters, options: FacetListingOptions = {}): Promise<FacetedPage> {
  const count = (): Promise<SqlCounts> => (options.counts ? options.counts.remember(countsKey(filters), () => countInSql(db, filters)) : countInSql(db, filters));
  for (let round = 1; ; round += 1) {
    const counting = count();
    const [counts, result] = await Promise.all([counting, listProductCards(db, filters, { total: counting.then((counted) => counted.total) })]);
    if (counts.stale === 0 || round === 2) return { result, facets: counts.facets };
    await refreshFacetValuesOnce(db);
    options.counts?.forget(countsKey(filters));
  }
}
