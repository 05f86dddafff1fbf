import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, insertOrder, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCatalogFixture, type CatalogFixture } from '../../support/catalog-fixtures.js';
import { insertVoucher } from '../../support/fixtures.js';

// Headings, buttons, table headers, labels and notices are written in sentence case: only the
// first word and names start with a capital. Names are the shop's, the units' and the
// formats' (and whatever the catalog holds, which the pages' own data supplies).
const names = new Set(['Bitshop', 'SKU', 'USD', 'UTC', 'API', 'PNG', 'JPEG', 'WebP', 'MiB', 'KiB', 'CSRF', 'JavaScript']);

function copyOf(body: string): string[] {
  const texts: string[] = [];
  for (const match of body.matchAll(/<(h[1-6]|button|th|label|legend|summary|p class="notice[^"]*"|a class="button[^"]*")[^>]*>([\s\S]*?)<\/(h[1-6]|button|th|label|legend|summary|p|a)>/g)) {
    const text = (match[2] ?? '').replace(/<[^>]+>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim();
    if (text !== '') texts.push(text);
  }
  return texts;
}

/** Words after the first that start with a capital and are neither a known name nor in `data`. */
function titleCaseWords(text: string, data: string): string[] {
  const words = text.split(/[\s:·,.()“”"]+/).filter((word) => word !== '');
  return words.slice(1).filter((word) => /^[A-Z][a-z]/.test(word) && !names.has(word) && !data.includes(word));
}

describe('sentence case across the shop and admin', () => {
  let t: TestApp;
  let fixture: CatalogFixture;
  let client: AdminClient;
  /** Every name the catalog fixture holds: product, vendor and category names, and spec values (processor and graphics families, offered as filters), may have capitals. */
  let data: string;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    fixture = await insertCatalogFixture(t.db);
    await insertOrder(t.db, { items: [{ product: fixture.products.featherbook, quantity: 1 }] });
    await insertVoucher(t.db, { code: 'COPY10' });
    const { rows } = await t.db.query<{ name: string }>('SELECT name FROM products UNION ALL SELECT name FROM vendors UNION ALL SELECT name FROM categories UNION ALL SELECT specs::text FROM products');
    data = rows.map((row) => row.name).join(' ');
    client = new AdminClient(t.app);
    await client.loginHtml();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds Title Case where it is (the rule can fail)', () => {
    expect(titleCaseWords('Add To Cart', '')).toEqual(['To', 'Cart']);
    expect(titleCaseWords('Upload image', '')).toEqual([]);
  });

  it('writes the storefront’s and the admin’s headings, buttons, labels and notices in sentence case', async () => {
    const { rows: orders } = await t.db.query<{ id: string }>('SELECT id FROM orders LIMIT 1');
    const urls = [
      '/',
      '/products',
      '/vendors',
      `/products/${fixture.products.featherbook.slug}`,
      '/cart',
      '/no-such-page',
      '/admin',
      '/admin/products?saved=product',
      `/admin/products/${fixture.products.featherbook.id}/edit`,
      '/admin/products/new',
      '/admin/vendors',
      '/admin/categories',
      '/admin/vouchers?saved=voucher',
      '/admin/vouchers/new',
      '/admin/orders',
      `/admin/orders/${orders[0]?.id ?? ''}`,
      '/admin/audit',
      '/admin/sessions',
    ];
    const found: string[] = [];
    for (const url of urls) {
      const response = await client.request({ method: 'GET', url });
      expect(response.statusCode, url).toBeLessThan(500);
      const texts = copyOf(response.body);
      expect(texts.length, url).toBeGreaterThan(0);
      for (const text of texts) if (titleCaseWords(text, data).length > 0) found.push(`${url}: ${text}`);
    }
    const login = await new AdminClient(t.app).request({ method: 'GET', url: '/admin/login?logged_out=1' });
    for (const text of copyOf(login.body)) if (titleCaseWords(text, data).length > 0) found.push(`/admin/login: ${text}`);
    expect(found).toEqual([]);
  });
});
