import type { Queryable } from '../../db/database.js';
import { countFacets, hasSpecSelection, type FacetCounts, type Facetable } from './facets.js';
import { filterWhere, listProductCards, productFrom, type ListOptions, type ProductCard, type ProductFilters, type ProductPage } from './products.js';
import { specFacetSourceKeys, specFacetValues } from './spec-facets.js';

/** A listing page with the counts of every facet beside it. */
export interface FacetedPage<Item extends ProductCard = ProductCard> {
  result: ProductPage<Item>;
  facets: FacetCounts;
}

interface CandidateRow {
  id: number;
  vendor_slug: string;
  category_slug: string;
  specs: Record<string, unknown>;
}

interface Candidate extends Facetable {
  id: number;
}

/**
 * The database's answer to a listing with facet counts (the snapshot answers the same in
 * memory, see CatalogSnapshot.listWithFacets). The candidates (active, matching search text,
 * price and stock) are read with their specs and counted by the same code as the snapshot's;
 * spec filters, which are computed here and not in SQL, narrow the page by product id.
 */
export async function listWithFacets(db: Queryable, filters: ProductFilters, options: ListOptions = {}): Promise<FacetedPage> {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const { where } = filterWhere(filters, param);
  // Only the specs faceting reads: a fraction of each product's JSON to send and parse.
  const specs = `jsonb_strip_nulls(jsonb_build_object(${specFacetSourceKeys.map((key) => `${param(key)}::text, p.specs -> ${param(key)}::text`).join(', ')}))`;
  // nosemgrep: sql-built-from-strings -- fixed fragments chosen by the code ($n placeholders for every value)
  const { rows } = await db.query<CandidateRow>(
    `SELECT p.id, v.slug AS vendor_slug, c.slug AS category_slug, ${specs} AS specs FROM ${productFrom} WHERE ${where.join(' AND ')}`,
    params,
  );
  const candidates: Candidate[] = rows.map((row) => ({
    id: row.id,
    vendor: { slug: row.vendor_slug },
    category: { slug: row.category_slug },
    facetValues: specFacetValues(row.category_slug, row.specs),
  }));
  const { matching, counts } = countFacets(candidates, { vendors: filters.vendors, category: filters.category, specs: filters.specs });
  const ids = hasSpecSelection(filters.specs) ? matching.map((candidate) => candidate.id).sort((a, b) => a - b) : undefined;
  const result = await listProductCards(db, { ...filters, specs: undefined, ids }, options);
  return { result, facets: counts };
}
