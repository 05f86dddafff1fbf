// A shopper looking around: home, catalog pages with filters, sorting and pagination,
// search, product pages, a vendor or category page, and the JSON API a partner would call.
// Think time between pages keeps one VU close to one person.
import http, { type Response } from 'k6/http';
import { check, sleep } from 'k6';
import { pick, type Catalog } from '../lib/target.ts';

const sorts = ['newest', 'price_asc', 'price_desc', 'name'];
const searches = ['laptop', 'gaming laptop', 'monitor', 'ssd', 'keyboard', 'thinkpad', '"usb-c"', 'ryzen', 'graphics card', 'mouse -wireless', 'oled'];
const priceBands: [number, number][] = [[0, 100], [100, 500], [500, 1500], [1500, 5000]];

function bodyText(response: Response): string {
  return typeof response.body === 'string' ? response.body : '';
}

function isHtmlPage(response: Response): boolean {
  return response.status === 200 && (response.headers['Content-Type'] ?? '').startsWith('text/html') && bodyText(response).includes('</html>');
}

function thinkTime(): void {
  sleep(0.5 + Math.random());
}

function catalogQuery(catalog: Catalog): string {
  const params: string[] = [`sort=${pick(sorts)}`];
  const roll = Math.random();
  if (roll < 0.4) params.push(`category=${pick(catalog.categorySlugs)}`);
  else if (roll < 0.7) params.push(`vendor=${pick(catalog.vendorSlugs)}`, `vendor=${pick(catalog.vendorSlugs)}`);
  if (Math.random() < 0.3) {
    const [min, max] = pick(priceBands);
    params.push(`min=${min}`, `max=${max}`);
  }
  if (Math.random() < 0.3) params.push('inStock=true');
  return params.join('&');
}

export function browse(base: string, catalog: Catalog): void {
  const home = http.get(`${base}/`, { tags: { group: 'home', name: 'home' } });
  check(home, { 'home: 200 HTML page': isHtmlPage });
  thinkTime();

  // Pages past the last one are a normal 200 with an empty list, so any page number is fine.
  const query = catalogQuery(catalog);
  for (const page of [1, 2]) {
    const listing = http.get(`${base}/products?${query}&page=${page}`, { tags: { group: 'catalog', name: 'products?filters&page' } });
    check(listing, { 'catalog: 200 HTML page': isHtmlPage });
    thinkTime();
  }

  const search = http.get(`${base}/search?q=${encodeURIComponent(pick(searches))}`, { tags: { group: 'search', name: 'search?q' } });
  check(search, { 'search: 200 HTML page': isHtmlPage });
  thinkTime();

  const product = http.get(`${base}/products/${pick(catalog.productSlugs)}`, { tags: { group: 'product', name: 'products/:slug' } });
  check(product, { 'product: 200 HTML page': isHtmlPage, 'product: has an add-to-cart form or a sold-out notice': (r) => /action="\/cart\/items"|out of stock/i.test(bodyText(r)) });
  thinkTime();

  const listingPage = Math.random() < 0.5 ? `/categories/${pick(catalog.categorySlugs)}` : `/vendors/${pick(catalog.vendorSlugs)}`;
  const listing = http.get(`${base}${listingPage}`, { tags: { group: 'catalog', name: listingPage.startsWith('/categories') ? 'categories/:slug' : 'vendors/:slug' } });
  check(listing, { 'vendor or category: 200 HTML page': isHtmlPage });
  thinkTime();

  const api = http.get(`${base}/api/v1/products?category=${pick(catalog.categorySlugs)}&sort=price_asc&pageSize=24`, { tags: { group: 'api', name: 'api/v1/products' } });
  check(api, { 'api: 200 with items': (r) => r.status === 200 && Array.isArray((r.json() as { items?: unknown }).items) });
  thinkTime();
}
