// Where the traffic goes and what the seeded catalog offers, read once in setup() and handed
// to every VU, so iterations never guess slugs or SKUs that might not exist.
import http from 'k6/http';
import { fail } from 'k6';

export function baseUrl(): string {
  const value = __ENV.BASE_URL;
  if (value === undefined || value === '') fail('BASE_URL is not set: the shop to load, e.g. BASE_URL=http://127.0.0.1:3000');
  if (!/^https?:\/\/[^/]+/.test(value)) fail(`BASE_URL must be an absolute http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

export interface Catalog {
  productSlugs: string[];
  /** SKUs with enough stock that a checkout of a unit or two succeeds. */
  checkoutSkus: string[];
  vendorSlugs: string[];
  categorySlugs: string[];
}

interface Page<T> {
  items: T[];
  /** Only on product listings. */
  totalPages: number;
}

function getJson(url: string): unknown {
  const response = http.get(url, { tags: { group: 'setup' } });
  if (response.status !== 200) fail(`setup: GET ${url} answered ${response.status}`);
  return response.json();
}

// Stock is left alone on a shared environment, so checkout picks products with plenty of it:
// a few units per order never exhaust them during a run.
const minCheckoutStock = 20;

export function readCatalog(base: string): Catalog {
  const ready = http.get(`${base}/readyz`, { tags: { group: 'setup' } });
  if (ready.status === 0) fail(`setup: ${base}/readyz could not be reached (${ready.error}); is the shop running there?`);
  if (ready.status !== 200) fail(`setup: ${base}/readyz answered ${ready.status}, expected 200: the shop is up but not ready (database unreachable?)`);

  const products: { slug: string; sku: string; stock: number }[] = [];
  for (let page = 1; ; page += 1) {
    const body = getJson(`${base}/api/v1/products?pageSize=100&sort=name&page=${page}`) as Page<{ slug: string; sku: string; stock: number }>;
    products.push(...body.items);
    if (page >= body.totalPages) break;
  }
  const catalog: Catalog = {
    productSlugs: products.map((product) => product.slug),
    checkoutSkus: products.filter((product) => product.stock >= minCheckoutStock).map((product) => product.sku),
    vendorSlugs: (getJson(`${base}/api/v1/vendors`) as Page<{ slug: string }>).items.map((vendor) => vendor.slug),
    categorySlugs: (getJson(`${base}/api/v1/categories`) as Page<{ slug: string }>).items.map((category) => category.slug),
  };
  if (catalog.productSlugs.length === 0) fail('setup: the catalog is empty; seed it first');
  if (catalog.checkoutSkus.length === 0) fail(`setup: no product has ${minCheckoutStock} or more in stock to check out`);
  return catalog;
}

export function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}
