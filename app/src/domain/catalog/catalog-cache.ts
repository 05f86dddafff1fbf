import type { Queryable } from '../../db/database.js';
import { listCategories, type Category } from './categories.js';
import { listVendors, type Vendor } from './vendors.js';

export interface Facets {
  vendors: Vendor[];
  categories: Category[];
}

interface Entry<T> {
  expires: number;
  value: Promise<T>;
}

/**
 * Short-lived, per-process memory of what every catalog page asks again and again: the vendor
 * and category lists with their product counts, and the counts of products matching a filter
 * (the total and every facet's).
 * The page of products itself is always read fresh (price and stock must be current); a count
 * or a facet that is a few seconds old is not worth a database round trip per request.
 * Admin catalog changes clear it at once in the process that made them
 * (routes/admin/catalog-cache-clearing.ts); other replicas catch up within the TTL. A TTL of 0
 * turns it off. Used only with CATALOG_SNAPSHOT=false:
 * the snapshot (catalog-sync.ts) answers the same questions current on every replica.
 */
export class CatalogCache {
  private facetsEntry: Entry<Facets> | undefined;
  private readonly counts = new Map<string, Entry<unknown>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxCounts = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  facets(db: Queryable): Promise<Facets> {
    if (this.ttlMs === 0) return loadFacets(db);
    if (this.facetsEntry && this.facetsEntry.expires > this.now()) return this.facetsEntry.value;
    const entry = { expires: this.now() + this.ttlMs, value: loadFacets(db) };
    this.facetsEntry = entry;
    // A failed load must not be remembered.
    entry.value.catch(() => {
      if (this.facetsEntry === entry) this.facetsEntry = undefined;
    });
    return entry.value;
  }

  /** The counts for `key` (a filter's identity), loaded by `load` when missing or expired. */
  remember<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMs === 0) return load();
    const now = this.now();
    const cached = this.counts.get(key) as Entry<T> | undefined;
    if (cached && cached.expires > now) return cached.value;
    if (this.counts.size >= this.maxCounts) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.counts.keys().next();
      if (oldest.done !== true) this.counts.delete(oldest.value);
    }
    const entry = { expires: now + this.ttlMs, value: load() };
    this.counts.set(key, entry);
    entry.value.catch(() => {
      if (this.counts.get(key) === entry) this.counts.delete(key);
    });
    return entry.value;
  }

  forget(key: string): void {
    this.counts.delete(key);
  }

  clear(): void {
    this.facetsEntry = undefined;
    this.counts.clear();
  }
}

async function loadFacets(db: Queryable): Promise<Facets> {
  const [vendors, categories] = await Promise.all([listVendors(db), listCategories(db)]);
  return { vendors, categories };
}
