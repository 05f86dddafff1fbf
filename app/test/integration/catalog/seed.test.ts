import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { seedCatalog, seedIfEmpty } from '../../../src/db/seed/index.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase } from '../../support/database.js';

async function snapshot(db: Database): Promise<unknown> {
  const products = await db.query(
    `SELECT p.sku, p.slug, p.name, p.description, p.price_cents, p.stock, p.specs, p.active, p.created_at, v.slug AS vendor, c.slug AS category
     FROM products p JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id ORDER BY p.id`,
  );
  const vendors = await db.query('SELECT slug, name, description, website, country FROM vendors ORDER BY id');
  const categories = await db.query('SELECT slug, name, description, position FROM categories ORDER BY id');
  const vouchers = await db.query('SELECT code, description, kind, amount, min_total_cents, starts_at, ends_at, max_redemptions FROM vouchers ORDER BY id');
  return { products: products.rows, vendors: vendors.rows, categories: categories.rows, vouchers: vouchers.rows };
}

describe('seed catalog', () => {
  let t: TestApp;
  let seededFirst: boolean;
  beforeAll(async () => {
    t = await createTestApp();
    seededFirst = await seedIfEmpty(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds an empty database and does nothing the second time', async () => {
    expect(seededFirst).toBe(true);
    const before = await snapshot(t.db);
    expect(await seedIfEmpty(t.db)).toBe(false);
    expect(await snapshot(t.db)).toEqual(before);
  });

  it('produces identical rows in two empty databases', async () => {
    const other = await createTestDatabase();
    try {
      const report = await seedCatalog(other);
      expect(report).toMatchObject({ vendors: 12, categories: 8, vouchers: 5 });
      expect(await snapshot(other)).toEqual(await snapshot(t.db));
    } finally {
      await other.close();
    }
  });

  it('holds 12 vendors, 8 categories and hundreds of products, each vendor and category used', async () => {
    const { rows } = await t.db.query<{ vendors: number; categories: number; products: number; unusedVendors: number; emptyCategories: number }>(
      `SELECT (SELECT count(*)::int FROM vendors) AS vendors,
              (SELECT count(*)::int FROM categories) AS categories,
              (SELECT count(*)::int FROM products) AS products,
              (SELECT count(*)::int FROM vendors v WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.vendor_id = v.id)) AS "unusedVendors",
              (SELECT count(*)::int FROM categories c WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.category_id = c.id)) AS "emptyCategories"`,
    );
    expect(rows[0]).toMatchObject({ vendors: 12, categories: 8, unusedVendors: 0, emptyCategories: 0 });
    expect(rows[0]?.products).toBeGreaterThanOrEqual(320);
    const categories = await t.db.query<{ name: string }>('SELECT name FROM categories ORDER BY position');
    expect(categories.rows.map((c) => c.name)).toEqual(['Laptops', 'Desktops', 'Monitors', 'Graphics cards', 'Processors', 'Storage', 'Memory', 'Peripherals']);
  });

  it('gives every product a unique SKU, slug and name, a plausible price and specs', async () => {
    const { rows } = await t.db.query<{ sku: string; slug: string; name: string; price_cents: number; specs: Record<string, unknown>; category: string }>(
      'SELECT p.sku, p.slug, p.name, p.price_cents, p.specs, c.slug AS category FROM products p JOIN categories c ON c.id = p.category_id',
    );
    expect(new Set(rows.map((r) => r.sku)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.slug)).size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
    const requiredSpecs: Record<string, string[]> = {
      laptops: ['cpu', 'ram_gb', 'storage_gb', 'storage_type', 'display_in', 'gpu'],
      desktops: ['cpu', 'ram_gb', 'storage_gb', 'storage_type', 'form_factor'],
      monitors: ['display_in', 'resolution', 'panel', 'refresh_hz'],
      'graphics-cards': ['gpu_chip', 'vram_gb', 'memory_type'],
      processors: ['cores', 'threads', 'socket'],
      storage: ['capacity_gb', 'interface', 'form_factor'],
      memory: ['capacity_gb', 'type', 'speed_mts'],
      peripherals: ['type', 'connectivity'],
    };
    for (const row of rows) {
      expect(row.sku).toMatch(/^[A-Z0-9][A-Z0-9-]{2,39}$/);
      expect(Object.keys(row.specs), row.name).toEqual(expect.arrayContaining(requiredSpecs[row.category] ?? ['missing']));
      expect(row.price_cents, row.name).toBeGreaterThanOrEqual(1_000);
      expect(row.price_cents, row.name).toBeLessThanOrEqual(1_000_000);
    }
    const laptopPrices = rows.filter((r) => r.category === 'laptops').map((r) => r.price_cents);
    const peripheralPrices = rows.filter((r) => r.category === 'peripherals').map((r) => r.price_cents);
    expect(Math.min(...laptopPrices)).toBeGreaterThan(Math.max(...peripheralPrices) / 2);
  });

  it('has products out of stock and low in stock as well as plenty', async () => {
    const { rows } = await t.db.query<{ out: number; low: number; plenty: number }>(
      `SELECT count(*) FILTER (WHERE stock = 0)::int AS out, count(*) FILTER (WHERE stock BETWEEN 1 AND 5)::int AS low,
              count(*) FILTER (WHERE stock > 5)::int AS plenty FROM products`,
    );
    expect(rows[0]?.out).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.low).toBeGreaterThanOrEqual(5);
    expect(rows[0]?.plenty).toBeGreaterThan(200);
  });

  it('adds the documented vouchers', async () => {
    const { rows } = await t.db.query<{ code: string; kind: string; amount: number; min_total_cents: number; max_redemptions: number | null; expired: boolean }>(
      'SELECT code, kind, amount, min_total_cents, max_redemptions, (ends_at IS NOT NULL AND ends_at < now()) AS expired FROM vouchers ORDER BY code',
    );
    expect(rows).toEqual([
      { code: 'BIGSPENDER', kind: 'percent', amount: 15, min_total_cents: 150_000, max_redemptions: 100, expired: false },
      { code: 'EXPIRED5', kind: 'percent', amount: 5, min_total_cents: 0, max_redemptions: null, expired: true },
      { code: 'LIMITED3', kind: 'percent', amount: 20, min_total_cents: 0, max_redemptions: 3, expired: false },
      { code: 'SAVE25', kind: 'fixed', amount: 2500, min_total_cents: 25_000, max_redemptions: null, expired: false },
      { code: 'WELCOME10', kind: 'percent', amount: 10, min_total_cents: 0, max_redemptions: null, expired: false },
    ]);
  });

  it('is searchable the way a visitor expects', async () => {
    const thinkpad = await t.app.inject({ method: 'GET', url: '/api/v1/products?q=thinkpad&pageSize=5' });
    const items = thinkpad.json<{ items: { name: string; vendor: { slug: string } }[] }>().items;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item.name).toContain('ThinkPad');
    const macs = await t.app.inject({ method: 'GET', url: '/api/v1/products?vendor=apple&category=laptops&pageSize=100' });
    const macItems = macs.json<{ items: { name: string }[] }>().items;
    expect(macItems.length).toBeGreaterThan(5);
    for (const item of macItems) expect(item.name).toMatch(/^Apple MacBook/);
    const ddr5 = await t.app.inject({ method: 'GET', url: '/api/v1/products?q=%2232GB%22%20ddr5&category=memory' });
    expect(ddr5.json<{ total: number }>().total).toBeGreaterThan(0);
  });

  it('renders every seeded product page with valid JSON-LD', async () => {
    const { rows } = await t.db.query<{ slug: string; stock: number }>('SELECT slug, stock FROM products ORDER BY id');
    // Every tenth product keeps the test quick while crossing every category and stock state.
    for (const row of rows.filter((product, index) => index % 10 === 0 || product.stock === 0)) {
      const response = await t.app.inject({ method: 'GET', url: `/products/${row.slug}` });
      expect(response.statusCode, row.slug).toBe(200);
      const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(response.body)?.[1] ?? '';
      const data = JSON.parse(json) as { offers: { availability: string; price: string } };
      expect(data.offers.availability).toBe(row.stock > 0 ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock');
      expect(data.offers.price).toMatch(/^\d+\.\d{2}$/);
    }
  });
});
