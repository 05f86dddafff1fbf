import type { Database, Queryable } from '../../db/database.js';
import type { Category } from './categories.js';
import { ByteLru } from './byte-lru.js';
import type { FacetedPage } from './facet-listing.js';
import { countFacets, hasSpecSelection, selectionKey, selectionMatcher, type FacetCounts, type Facetable } from './facets.js';
import { defaultPageSize, maxPageSize, productColumns, productFrom, toProduct, type Product, type ProductCard, type ProductDbRow, type ProductFilters, type ProductPage, type ProductSort } from './products.js';
import { specFacetValues } from './spec-facets.js';
import type { Vendor } from './vendors.js';

interface SnapshotDbRow extends ProductDbRow {
  active: boolean;
}

/**
 * A product as the snapshot holds it: active or not, its place in the database's name order,
 * and its normalised spec values (derived once here, not per request).
 */
interface Entry extends Facetable {
  product: Product;
  active: boolean;
  createdMs: number;
  nameRank: number;
}

// The catalog's own columns and joins, plus whether the product is on sale.
const productSql = `SELECT ${productColumns}, p.active FROM ${productFrom}`;
// Name order comes from the database (its collation), so the snapshot sorts exactly as SQL did.
const allProductsSql = `${productSql} ORDER BY p.name ASC, p.id ASC`;
const someProductsSql = `${productSql} WHERE p.id = ANY($1::int[])`;
const vendorsSql = 'SELECT v.id, v.slug, v.name, v.description, v.website, v.country FROM vendors v ORDER BY lower(v.name) ASC, v.id ASC';
const categoriesSql = 'SELECT c.id, c.slug, c.name, c.description FROM categories c ORDER BY c.position ASC, lower(c.name) ASC, c.id ASC';

function toEntry(row: SnapshotDbRow, nameRank: number): Entry {
  const product = toProduct(row);
  return {
    product,
    active: row.active,
    createdMs: product.createdAt.getTime(),
    nameRank,
    vendor: product.vendor,
    category: product.category,
    facetValues: specFacetValues(product.category.slug, product.specs),
  };
}

type Order = Exclude<ProductSort, 'relevance'>;
const comparators: Record<Order, (a: Entry, b: Entry) => number> = {
  newest: (a, b) => b.createdMs - a.createdMs || b.product.id - a.product.id,
  price_asc: (a, b) => a.product.priceCents - b.product.priceCents || a.product.id - b.product.id,
  price_desc: (a, b) => b.product.priceCents - a.product.priceCents || a.product.id - b.product.id,
  name: (a, b) => a.nameRank - b.nameRank,
};

/** Rendered responses kept per snapshot: at most this many, and at most this many bytes. */
export const renderCacheEntries = 2_000;
export const renderCacheBytes = 32 * 1024 * 1024;
/** Filters whose facet counts are kept per snapshot. */
export const facetCountEntries = 1_000;

export interface RenderedResponse {
  body: Buffer;
  etag: string;
}

/**
 * The whole catalog of one moment, held by one process: every product (active or not, with
 * description and specs), vendors and categories in the shop's order with their counts of
 * active products, and the active products presorted in each listing order. Immutable: a change
 * makes a new snapshot (see catalog-sync.ts), so a request that started on one sees one state.
 * Memory: O(products) for the entries and four sorted arrays, plus `renders`, the responses
 * rendered from this snapshot, capped by count and bytes.
 */
export class CatalogSnapshot {
  readonly vendors: readonly Vendor[];
  readonly categories: readonly Category[];
  readonly renders = new ByteLru<RenderedResponse>(renderCacheEntries, renderCacheBytes, (value) => value.body.length + value.etag.length + 64);
  /**
   * Facet counts per filter (sort and page left out): every page and order of one listing
   * shares one count. Dropped whole when full; each entry is a few dozen numbers.
   */
  private readonly facetCounts = new Map<string, FacetCounts>();
  private readonly bySlug = new Map<string, Entry>();
  private readonly sorted: Record<Order, Entry[]>;
  private readonly vendorBySlug: Map<string, Vendor>;
  private readonly categoryBySlug: Map<string, Category>;

  private constructor(
    private readonly entries: ReadonlyMap<number, Entry>,
    private readonly vendorRows: readonly Omit<Vendor, 'productCount'>[],
    private readonly categoryRows: readonly Omit<Category, 'productCount'>[],
    previous?: CatalogSnapshot,
  ) {
    const active: Entry[] = [];
    const vendorCounts = new Map<string, number>();
    const categoryCounts = new Map<string, number>();
    for (const entry of entries.values()) {
      if (!entry.active) continue;
      active.push(entry);
      this.bySlug.set(entry.product.slug, entry);
      vendorCounts.set(entry.product.vendor.slug, (vendorCounts.get(entry.product.vendor.slug) ?? 0) + 1);
      categoryCounts.set(entry.product.category.slug, (categoryCounts.get(entry.product.category.slug) ?? 0) + 1);
    }
    // After a patch, the previous orders with the changed entries swapped in are almost sorted,
    // which the engine's merge sort finishes in close to one pass.
    const startFrom = (order: Order): Entry[] => {
      if (previous === undefined) return [...active];
      const kept = new Set<number>();
      const list: Entry[] = [];
      for (const old of previous.sorted[order]) {
        const entry = entries.get(old.product.id);
        if (entry?.active === true) {
          list.push(entry);
          kept.add(entry.product.id);
        }
      }
      for (const entry of active) if (!kept.has(entry.product.id)) list.push(entry);
      return list;
    };
    this.sorted = {
      newest: startFrom('newest').sort(comparators.newest),
      price_asc: startFrom('price_asc').sort(comparators.price_asc),
      price_desc: startFrom('price_desc').sort(comparators.price_desc),
      name: startFrom('name').sort(comparators.name),
    };
    this.vendors = vendorRows.map((vendor) => ({ ...vendor, productCount: vendorCounts.get(vendor.slug) ?? 0 }));
    this.categories = categoryRows.map((category) => ({ ...category, productCount: categoryCounts.get(category.slug) ?? 0 }));
    this.vendorBySlug = new Map(this.vendors.map((vendor) => [vendor.slug, vendor]));
    this.categoryBySlug = new Map(this.categories.map((category) => [category.slug, category]));
  }

  /** Reads the whole catalog as of one moment (one REPEATABLE READ transaction). */
  static async load(db: Database): Promise<CatalogSnapshot> {
    const { products, vendors, categories } = await db.transaction(async (tx) => {
      await tx.exec('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return {
        products: await tx.query<SnapshotDbRow>(allProductsSql),
        vendors: await tx.query<Omit<Vendor, 'productCount'>>(vendorsSql),
        categories: await tx.query<Omit<Category, 'productCount'>>(categoriesSql),
      };
    });
    const entries = new Map<number, Entry>();
    products.rows.forEach((row, index) => entries.set(row.id, toEntry(row, index)));
    return new CatalogSnapshot(entries, vendors.rows, categories.rows);
  }

  /**
   * This snapshot with the given products read again, or null when that needs a full load: a
   * new product or a changed name has no place in the name order without asking the database.
   */
  async withProducts(db: Queryable, ids: readonly number[]): Promise<CatalogSnapshot | null> {
    const { rows } = await db.query<SnapshotDbRow>(someProductsSql, [ids]);
    const entries = new Map(this.entries);
    const seen = new Set<number>();
    for (const row of rows) {
      const previous = entries.get(row.id);
      if (previous === undefined || previous.product.name !== row.name) return null;
      entries.set(row.id, toEntry(row, previous.nameRank));
      seen.add(row.id);
    }
    for (const id of ids) if (!seen.has(id)) entries.delete(id);
    return new CatalogSnapshot(entries, this.vendorRows, this.categoryRows, this);
  }

  get productCount(): number {
    return this.entries.size;
  }

  product(slug: string): Product | undefined {
    return this.bySlug.get(slug)?.product;
  }

  vendor(slug: string): Vendor | undefined {
    return this.vendorBySlug.get(slug);
  }

  category(slug: string): Category | undefined {
    return this.categoryBySlug.get(slug);
  }

  /** What listProducts answers for the same filters, without search text (that stays in SQL). */
  list(filters: ProductFilters): ProductPage {
    if (hasSpecSelection(filters.specs)) throw new Error('CatalogSnapshot.list: spec filters are answered by listWithFacets');
    const { sort, page, pageSize } = this.order(filters);
    const vendors = filters.vendors && filters.vendors.length > 0 ? new Set(filters.vendors) : undefined;
    const { category } = filters;
    const keep = this.keeps(filters);
    const matching =
      vendors === undefined && category === undefined && keep === undefined
        ? this.sorted[sort]
        : this.sorted[sort].filter((entry) =>
            (vendors === undefined || vendors.has(entry.product.vendor.slug)) &&
            (category === undefined || entry.product.category.slug === category) &&
            (keep === undefined || keep(entry)));
    return this.pageOf(matching, sort, page, pageSize);
  }

  /** What listWithFacets (facet-listing.ts) answers for the same filters, without search text. */
  listWithFacets(filters: ProductFilters): FacetedPage {
    const { sort, page, pageSize } = this.order(filters);
    const keep = this.keeps(filters);
    const candidates = keep === undefined ? this.sorted[sort] : this.sorted[sort].filter(keep);
    const selection = { vendors: filters.vendors, category: filters.category, specs: filters.specs };
    const key = JSON.stringify([filters.minPriceCents ?? null, filters.maxPriceCents ?? null, filters.inStock === true, selectionKey(selection)]);
    const known = this.facetCounts.get(key);
    if (known !== undefined) {
      const matches = selectionMatcher(selection);
      return { result: this.pageOf(matches === undefined ? candidates : candidates.filter(matches), sort, page, pageSize), facets: known };
    }
    const { matching, counts } = countFacets(candidates, selection);
    if (this.facetCounts.size >= facetCountEntries) this.facetCounts.clear();
    this.facetCounts.set(key, counts);
    return { result: this.pageOf(matching, sort, page, pageSize), facets: counts };
  }

  private order(filters: ProductFilters): { sort: Order; page: number; pageSize: number } {
    if (filters.q !== undefined && filters.q.trim() !== '') throw new Error('CatalogSnapshot: search text is answered by the database');
    return {
      sort: filters.sort === undefined || filters.sort === 'relevance' ? 'newest' : filters.sort,
      page: Math.max(1, Math.trunc(filters.page ?? 1)),
      pageSize: Math.min(maxPageSize, Math.max(1, Math.trunc(filters.pageSize ?? defaultPageSize))),
    };
  }

  /** The price and stock conditions as one test, or undefined when there are none. */
  private keeps(filters: ProductFilters): ((entry: Entry) => boolean) | undefined {
    const { minPriceCents, maxPriceCents } = filters;
    const inStock = filters.inStock === true;
    if (minPriceCents === undefined && maxPriceCents === undefined && !inStock) return undefined;
    return ({ product }) =>
      (minPriceCents === undefined || product.priceCents >= minPriceCents) &&
      (maxPriceCents === undefined || product.priceCents <= maxPriceCents) &&
      (!inStock || product.stock > 0);
  }

  private pageOf(matching: readonly Entry[], sort: Order, page: number, pageSize: number): ProductPage {
    const start = (page - 1) * pageSize;
    const items = matching.slice(start, start + pageSize).map((entry) => entry.product);
    const total = matching.length;
    return { items, page, pageSize, total, totalPages: Math.ceil(total / pageSize), sort };
  }

  /** What relatedProducts answers: same category, in stock first, closest in price. */
  related(product: Pick<Product, 'id' | 'priceCents' | 'category'>, limit = 4): ProductCard[] {
    const candidates = this.sorted.price_asc.filter((entry) => entry.product.category.slug === product.category.slug && entry.product.id !== product.id);
    const distance = (entry: Entry) => Math.abs(entry.product.priceCents - product.priceCents);
    candidates.sort((a, b) => Number(b.product.stock > 0) - Number(a.product.stock > 0) || distance(a) - distance(b) || a.product.id - b.product.id);
    return candidates.slice(0, limit).map((entry) => entry.product);
  }
}
