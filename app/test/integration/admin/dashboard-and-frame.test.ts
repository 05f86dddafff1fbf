import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminClient, insertOrder, manyLogins } from '../../support/admin-fixtures.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertProduct, insertVendor, insertVoucher, type ProductRow } from '../../support/fixtures.js';

const day = 86_400_000;

/** The text of a page's <main>, tags stripped, whitespace collapsed. */
function mainText(body: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(body)?.[1] ?? '';
  return main.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The rows of the table under the heading with this id, as cell texts. */
function tableUnder(body: string, headingId: string): string[][] {
  const start = body.indexOf(`<section aria-labelledby="${headingId}">`);
  const section = start < 0 ? '' : body.slice(start, body.indexOf('</section>', start));
  return [...section.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => (cell[1] ?? '').replace(/<[^>]+>/g, '').trim()));
}

describe('admin frame, dashboard and voucher states', () => {
  let t: TestApp;
  let client: AdminClient;
  let low: ProductRow;
  let empty: ProductRow;

  beforeAll(async () => {
    t = await createTestApp(manyLogins);
    const vendor = await insertVendor(t.db);
    const category = await insertCategory(t.db);
    low = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, name: 'Nearly gone', stock: 5 });
    empty = await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, name: 'Sold out', stock: 0 });
    await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, name: 'Plenty', stock: 6 });
    await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id, name: 'Hidden and low', stock: 1, active: false });
    // Twelve orders a minute apart: the dashboard shows the ten newest.
    for (let n = 0; n < 12; n += 1) {
      await insertOrder(t.db, { customerName: `Buyer ${n}`, items: [{ product: low, quantity: 1 }], createdAt: new Date(Date.now() - (12 - n) * 60_000) });
    }
    const now = Date.now();
    await insertVoucher(t.db, { code: 'PASTWINDOW', startsAt: new Date(now - 10 * day), endsAt: new Date(now - day) });
    await insertVoucher(t.db, { code: 'LATER', startsAt: new Date(now + day), endsAt: new Date(now + 10 * day) });
    await insertVoucher(t.db, { code: 'RUNNING', startsAt: new Date(now - day), endsAt: new Date(now + day) });
    await insertVoucher(t.db, { code: 'SWITCHEDOFF', active: false });
    client = new AdminClient(t.app);
    await client.loginHtml();
  });
  afterAll(async () => {
    await t.close();
  });

  it('frames admin pages in their own document: admin nav and log out, no shop search or cart', async () => {
    for (const url of ['/admin', '/admin/products', '/admin/vouchers', '/admin/orders']) {
      const page = await client.request({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('<nav aria-label="Admin">');
      expect(page.body, url).toMatch(/<button type="submit" class="secondary">Log out<\/button>/);
      expect(page.body, url).not.toContain('id="site-search"');
      expect(page.body, url).not.toContain('href="/cart"');
      expect(page.body, url).toContain('<meta name="robots" content="noindex">');
    }
    const login = await new AdminClient(t.app).request({ method: 'GET', url: '/admin/login' });
    expect(login.body).toContain('<h1 id="login-title">Admin login</h1>');
    expect(login.body).not.toContain('id="site-search"');
    expect(login.body).not.toContain('<nav aria-label="Admin">');
  });

  it('lists the ten newest orders on the dashboard, each linking to its detail page', async () => {
    const page = await client.request({ method: 'GET', url: '/admin' });
    const rows = tableUnder(page.body, 'recent-orders');
    expect(rows.map((row) => row[2])).toEqual(['Buyer 11', 'Buyer 10', 'Buyer 9', 'Buyer 8', 'Buyer 7', 'Buyer 6', 'Buyer 5', 'Buyer 4', 'Buyer 3', 'Buyer 2']);
    const { rows: newest } = await t.db.query<{ id: string }>("SELECT id FROM orders WHERE customer_name = 'Buyer 11'");
    expect(page.body).toContain(`href="/admin/orders/${newest[0]?.id ?? 'missing'}"`);
  });

  it('lists products in the shop at or under five in stock, emptiest first, linking to their edit page', async () => {
    const page = await client.request({ method: 'GET', url: '/admin' });
    expect(tableUnder(page.body, 'low-stock').map((row) => [row[1], row[2]])).toEqual([
      ['Sold out', '0'],
      ['Nearly gone', '5'],
    ]);
    expect(page.body).toContain(`<a href="/admin/products/${empty.id}/edit">Sold out</a>`);
    expect(page.body).toContain(`<a href="/admin/products/${low.id}/edit">Nearly gone</a>`);
    expect(mainText(page.body)).toContain('Active vouchers 1');
  });

  it('shows each voucher as expired, scheduled, active or inactive from its window and now', async () => {
    const page = await client.request({ method: 'GET', url: '/admin/vouchers' });
    const state = (code: string) => {
      const start = page.body.indexOf(`>${code}</a></td>`);
      const row = page.body.slice(start, page.body.indexOf('</tr>', start));
      return start < 0 ? undefined : /<td>(\w+)<\/td>\s*$/.exec(row)?.[1];
    };
    expect(state('PASTWINDOW')).toBe('Expired');
    expect(state('LATER')).toBe('Scheduled');
    expect(state('RUNNING')).toBe('Active');
    expect(state('SWITCHEDOFF')).toBe('Inactive');
    const { rows } = await t.db.query<{ id: number }>("SELECT id FROM vouchers WHERE code = 'PASTWINDOW'");
    const edit = await client.request({ method: 'GET', url: `/admin/vouchers/${rows[0]?.id ?? 0}/edit` });
    expect(edit.body).toContain('<p>Expired now. Redeemed 0 times.</p>');
  });
});
