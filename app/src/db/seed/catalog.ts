import { seedCategories, seedVendors, type CategorySlug, type SeedCategory, type SeedVendor } from './brands.js';
import { graphicsCardDrafts, monitorDrafts, processorDrafts } from './components.js';
import { desktopDrafts, laptopDrafts } from './computers.js';
import type { Draft } from './draft.js';
import { memoryDrafts, peripheralDrafts, storageDrafts } from './accessories.js';
import { createRng, type Rng } from './prng.js';

export interface SeedProduct {
  sku: string;
  slug: string;
  name: string;
  description: string;
  vendor: string;
  category: CategorySlug;
  priceCents: number;
  stock: number;
  specs: Record<string, unknown>;
  createdAt: Date;
}

export interface SeedCatalog {
  vendors: readonly SeedVendor[];
  categories: readonly SeedCategory[];
  products: SeedProduct[];
}

const seed = 20_260_101;
// Products "arrive" a few hours apart from this date, so "newest first" has a real order.
const firstArrival = Date.UTC(2026, 6, 1, 8, 0, 0);

/** Shop prices: .99 endings, Apple's round .00 ones. */
function shopPriceCents(dollars: number, premium: boolean): number {
  if (premium) return (dollars < 200 ? Math.round(dollars / 10) * 10 - 1 : Math.round(dollars / 100) * 100 - 1) * 100;
  return dollars < 100 ? Math.round(dollars) * 100 - 1 : Math.round(dollars / 10) * 1000 - 1;
}

function stockFor(rng: Rng, priceCents: number): number {
  const roll = rng.next();
  if (roll < 0.07) return 0;
  if (roll < 0.18) return rng.int(1, 5);
  return priceCents > 150_000 ? rng.int(6, 40) : rng.int(6, 150);
}

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/"/g, '-in')
    .replace(/\+/g, '-plus')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 110) return slug;
  return slug.slice(0, 110).replace(/-[^-]*$/, '');
}

// No I, O, 0 or 1: SKUs are read aloud on support calls.
const skuAlphabet = Array.from('ABCDEFGHJKLMNPQRSTUVWXYZ23456789');

/** The whole seed catalog as values: the same on every call, machine and run. */
export function buildSeedCatalog(): SeedCatalog {
  const rng = createRng(seed);
  const vendors = new Map(seedVendors.map((vendor) => [vendor.slug, vendor]));
  const categories = new Map(seedCategories.map((category) => [category.slug, category]));
  const drafts: Draft[] = [
    ...laptopDrafts(rng),
    ...desktopDrafts(rng),
    ...monitorDrafts(),
    ...graphicsCardDrafts(),
    ...processorDrafts(),
    ...storageDrafts(),
    ...memoryDrafts(),
    ...peripheralDrafts(),
  ];
  const skus = new Set<string>();
  const slugs = new Set<string>();
  const names = new Set<string>();
  const products: SeedProduct[] = [];
  rng.shuffle(drafts).forEach((draft, index) => {
    const vendor = vendors.get(draft.vendor);
    const category = categories.get(draft.category);
    if (!vendor || !category) throw new Error(`seed draft ${draft.name} names an unknown vendor or category`);
    const name = draft.name.startsWith(vendor.name) ? draft.name : `${vendor.name} ${draft.name}`;
    if (names.has(name)) throw new Error(`seed catalog has two products named ${name}`);
    names.add(name);
    let sku: string;
    do {
      let suffix = '';
      for (let i = 0; i < 6; i += 1) suffix += rng.pick(skuAlphabet);
      sku = `${vendor.code}-${category.code}${suffix}`;
    } while (skus.has(sku));
    skus.add(sku);
    let slug = slugify(name);
    for (let n = 2; slugs.has(slug); n += 1) slug = `${slugify(name)}-${n}`;
    slugs.add(slug);
    // Street prices wander a little around list price; Apple keeps its list prices.
    const dollars = draft.premium === true ? draft.dollars : draft.dollars * (1 + (rng.next() - 0.5) * 0.06);
    const priceCents = shopPriceCents(dollars, draft.premium === true);
    products.push({
      sku,
      slug,
      name,
      description: draft.description,
      vendor: vendor.slug,
      category: draft.category,
      priceCents,
      stock: stockFor(rng, priceCents),
      specs: draft.specs,
      createdAt: new Date(firstArrival + index * 3 * 3_600_000 + rng.int(0, 179) * 60_000),
    });
  });
  return { vendors: seedVendors, categories: seedCategories, products };
}
