import type { Queryable } from '../../db/database.js';
import type { CatalogCache } from './catalog-cache.js';
import { buildSearchTerms } from './search.js';
import { photosColumn, toPhotos, type ProductPhoto } from './product-photos.js';
import { specFacetKeys, type SpecFacetKey, type SpecSelection } from './spec-facets.js';

export const productSorts = ['relevance', 'newest', 'price_asc', 'price_desc', 'name'] as const;
export type ProductSort = (typeof productSorts)[number];

export const defaultPageSize = 24;
export const maxPageSize = 100;

export interface Ref {
  slug: string;
  name: string;
}

/** What a product grid shows: everything a listing page reads per product, and no more. */
export interface ProductCard {
  id: number;
  slug: string;
  name: string;
  priceCents: number;
  stock: number;
  vendor: Ref;
  category: Ref;
  /** Uploaded photos in gallery order; empty when the product shows its drawn illustration. */
  photos: readonly ProductPhoto[];
}

export interface Product extends ProductCard {
  sku: string;
  description: string;
  specs: Record<string, unknown>;
  createdAt: Date;
}

export interface ProductFilters {
  q?: string | undefined;
  vendors?: readonly string[] | undefined;
  category?: string | undefined;
  minPriceCents?: number | undefined;
  maxPriceCents?: number | undefined;
  inStock?: boolean | undefined;
  /**
   * Normalised spec values (spec-facets.ts), matched against the values stored with each product
   * (products.facet_values); listWithFacets derives stale ones again first.
   */
  specs?: SpecSelection | undefined;
  sort?: ProductSort | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface ProductPage<Item extends ProductCard = Product> {
  items: Item[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
  /** The order actually applied: relevance falls back to newest without search text. */
  sort: ProductSort;
}

interface CardDbRow {
  id: number;
  slug: string;
  name: string;
  price_cents: number;
  stock: number;
  vendor_slug: string;
  vendor_name: string;
  category_slug: string;
  category_name: string;
  photos: unknown;
}

export interface ProductDbRow extends CardDbRow {
  sku: string;
  description: string;
  specs: Record<string, unknown>;
  created_at: Date | string;
}

const cardColumns = `p.id, p.slug, p.name, p.price_cents, p.stock,
  v.slug AS vendor_slug, v.name AS vendor_name, c.slug AS category_slug, c.name AS category_name, ${photosColumn}`;
export const productColumns = `${cardColumns}, p.sku, p.description, p.specs, p.created_at`;
export const productFrom = 'products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id';

function toCard(row: CardDbRow): ProductCard {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    priceCents: row.price_cents,
    stock: row.stock,
    vendor: { slug: row.vendor_slug, name: row.vendor_name },
    category: { slug: row.category_slug, name: row.category_name },
    photos: toPhotos(row.photos),
  };
}

export function toProduct(row: ProductDbRow): Product {
  return {
    ...toCard(row),
    sku: row.sku,
    description: row.description,
    specs: row.specs,
    createdAt: row.created_at instanceof Date ? row.created_at : new Date(row.created_at),
  };
}

/** How much of each product a listing reads: the card a grid shows, or the whole product. */
interface Shape<Row, Item> {
  columns: string;
  toItem: (row: Row) => Item;
}
const cardShape: Shape<CardDbRow, ProductCard> = { columns: cardColumns, toItem: toCard };
const productShape: Shape<ProductDbRow, Product> = { columns: productColumns, toItem: toProduct };

// Every order ends with the id so equal keys never swap places between pages.
const orderBy: Record<ProductSort, string> = {
  relevance: 'rank DESC, p.id ASC',
  newest: 'p.created_at DESC, p.id DESC',
  price_asc: 'p.price_cents ASC, p.id ASC',
  price_desc: 'p.price_cents DESC, p.id ASC',
  name: 'p.name ASC, p.id ASC',
};

/**
 * One page of active products matching the filters. Only fixed SQL fragments are joined
 * together; every value the visitor sent travels as a parameter.
 */
export interface ListOptions {
  /** Remembers counts between requests (see CatalogCache); without it every call counts. */
  counts?: Pick<CatalogCache, 'remember'>;
  /** The number of matching products, when the caller counts them anyway (listWithFacets). */
  total?: Promise<number>;
}

export function listProducts(db: Queryable, filters: ProductFilters = {}, options: ListOptions = {}): Promise<ProductPage> {
  return listPage(db, filters, options, productShape);
}

/** The same page as listProducts, read as cards: what the storefront's grids need. */
export function listProductCards(db: Queryable, filters: ProductFilters = {}, options: ListOptions = {}): Promise<ProductPage<ProductCard>> {
  return listPage(db, filters, options, cardShape);
}

async function listPage<Row extends CardDbRow, Item extends ProductCard>(
  db: Queryable,
  filters: ProductFilters,
  options: ListOptions,
  shape: Shape<Row, Item>,
): Promise<ProductPage<Item>> {
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const { where, rank, terms } = filterWhere(filters, param);
  if (filters.vendors && filters.vendors.length > 0) where.push(`v.slug = ANY(${param([...filters.vendors])}::text[])`);
  if (filters.category !== undefined) where.push(`c.slug = ${param(filters.category)}`);
  for (const key of specFacetKeys) {
    const values = filters.specs?.[key];
    if (values !== undefined && values.length > 0) where.push(`${facetValueIdSql(key)} = ANY(${param([...values])}::text[])`);
  }

  const sort: ProductSort = filters.sort === 'relevance' || filters.sort === undefined ? (terms ? 'relevance' : 'newest') : filters.sort;
  const page = Math.max(1, Math.trunc(filters.page ?? 1));
  const pageSize = Math.min(maxPageSize, Math.max(1, Math.trunc(filters.pageSize ?? defaultPageSize)));
  const whereSql = where.join(' AND ');

  const filterParams = [...params];
  const countSql = `SELECT count(*)::int AS total FROM ${productFrom} WHERE ${whereSql}`;
  const loadCount = async (): Promise<number> => (await db.query<{ total: number }>(countSql, filterParams)).rows[0]?.total ?? 0;
  const limit = param(pageSize);
  const offset = param((page - 1) * pageSize);
  const [total, { rows }] = await Promise.all([
    // The filter's identity is its SQL and values: the same filter on another page or in
    // another order shares one count.
    options.total ?? (options.counts ? options.counts.remember(JSON.stringify([countSql, filterParams]), loadCount) : loadCount()),
    // nosemgrep: sql-built-from-strings -- fixed fragments chosen by the code ($n placeholders for every value)
    db.query<Row>(
      `SELECT ${shape.columns}, ${rank} AS rank FROM ${productFrom} WHERE ${whereSql} ORDER BY ${orderBy[sort]} LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
  ]);
  return { items: rows.map(shape.toItem), page, pageSize, total, totalPages: Math.ceil(total / pageSize), sort };
}

/**
 * A product's stored value id for one spec facet (migration 009), as SQL. The key is one of
 * specFacetKeys, a constant of the code, never a visitor's input.
 */
export function facetValueIdSql(key: SpecFacetKey): string {
  return `(p.facet_values -> '${key}' ->> 'id')`;
}

/**
 * The conditions every listing shares besides vendor and category (the facets): active, search
 * text, price and stock; with the search rank. Values travel as parameters through `param`.
 */
export function filterWhere(filters: ProductFilters, param: (value: unknown) => string): { where: string[]; rank: string; terms: ReturnType<typeof buildSearchTerms> } {
  const where = ['p.active'];
  let rank = '0::real';
  const terms = buildSearchTerms(filters.q);
  if (terms) {
    // Whole query as typed, or (when the last word is still being typed) the other words
    // plus that word as a prefix: "thinkpad carb" finds "ThinkPad X1 Carbon".
    const full = `websearch_to_tsquery('english', ${param(terms.text)})`;
    const query = terms.prefix === null ? full : `${full} || (websearch_to_tsquery('english', ${param(terms.rest)}) && to_tsquery('simple', ${param(`${terms.prefix}:*`)}))`;
    // A sub-select is computed once per execution; written inline, a generic plan (see
    // db/postgres.ts) would parse the query text again for every row it tests and ranks.
    const tsquery = `(SELECT ${query})`;
    where.push(`p.search @@ ${tsquery}`);
    rank = `ts_rank_cd(p.search, ${tsquery})`;
  }
  if (filters.minPriceCents !== undefined) where.push(`p.price_cents >= ${param(filters.minPriceCents)}`);
  if (filters.maxPriceCents !== undefined) where.push(`p.price_cents <= ${param(filters.maxPriceCents)}`);
  if (filters.inStock === true) where.push('p.stock > 0');
  return { where, rank, terms };
}

/** An active product with its vendor and category, or null. */
export async function findProductBySlug(db: Queryable, slug: string): Promise<Product | null> {
  const { rows } = await db.query<ProductDbRow>(`SELECT ${productColumns} FROM ${productFrom} WHERE p.slug = $1 AND p.active`, [slug]);
  const row = rows[0];
  return row ? toProduct(row) : null;
}

/** Other active products of the same category, in stock first, closest in price. */
export async function relatedProducts(db: Queryable, product: Pick<Product, 'id' | 'priceCents' | 'category'>, limit = 4): Promise<ProductCard[]> {
  const { rows } = await db.query<CardDbRow>(
    `SELECT ${cardColumns} FROM ${productFrom}
     WHERE p.active AND c.slug = $1 AND p.id <> $2
     ORDER BY (p.stock > 0) DESC, abs(p.price_cents - $3::int) ASC, p.id ASC
     LIMIT $4`,
    [product.category.slug, product.id, product.priceCents, limit],
  );
  return rows.map(toCard);
}
