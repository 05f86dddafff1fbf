// The burst of a sale going live: many new visitors land on the home page, a catalog page
// and a product page at once, without think time, since the arrival-rate executor rather
// than the VUs' pace sets the pressure.
import http from 'k6/http';
import { check } from 'k6';
import { pick, type Catalog } from '../lib/target.ts';

export function spike(base: string, catalog: Catalog): void {
  const responses = http.batch([
    ['GET', `${base}/`, null, { tags: { group: 'home', name: 'home' } }],
    ['GET', `${base}/products?sort=price_asc&inStock=true`, null, { tags: { group: 'catalog', name: 'products?filters&page' } }],
    ['GET', `${base}/products/${pick(catalog.productSlugs)}`, null, { tags: { group: 'product', name: 'products/:slug' } }],
  ]);
  for (const response of responses) check(response, { 'spike: 200': (r) => r.status === 200 });
}
