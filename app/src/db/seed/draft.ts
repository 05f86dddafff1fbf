import type { CategorySlug } from './brands.js';

/** A product before it gets its SKU, slug, stock, final price and date. */
export interface Draft {
  vendor: string;
  category: CategorySlug;
  /** Without the vendor's name, which the seed puts in front. */
  name: string;
  specs: Record<string, unknown>;
  /** List price in dollars before rounding to a shop price. */
  dollars: number;
  description: string;
  /** Prices end in .00 (Apple) rather than .99. */
  premium?: boolean;
}
