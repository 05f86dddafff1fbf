import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/database.js';
import { listProductCards, listProducts, relatedProducts, type ProductFilters } from '../../../src/domain/catalog/products.js';
import { insertCatalogFixture, type CatalogFixture } from '../../support/catalog-fixtures.js';
import { createTestDatabase } from '../../support/database.js';

// Storefront grids read cards (no description, specs or dates); they must list exactly the
// products, in exactly the order, that the full listing does for the same filters.
describe('product cards for listings', () => {
  let db: Database;
  let fixture: CatalogFixture;
  beforeAll(async () => {
    db = await createTestDatabase();
    fixture = await insertCatalogFixture(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const cases: [string, ProductFilters][] = [
    ['no filter (newest first)', {}],
    ['a search, ranked', { q: 'featherbook' }],
    ['a search still being typed', { q: 'zeta ultra' }],
    ['vendor and in stock, by price', { vendors: ['acme'], inStock: true, sort: 'price_asc' }],
    ['category and price range, by name', { category: 'laptops', minPriceCents: 100_000, maxPriceCents: 200_000, sort: 'name' }],
    ['second page of two', { pageSize: 2, page: 2, sort: 'price_desc' }],
  ];

  it.each(cases)('%s: same products, order and counts as the full listing', async (_name, filters) => {
    const [cards, full] = await Promise.all([listProductCards(db, filters), listProducts(db, filters)]);
    expect(cards.items.length).toBeGreaterThan(0);
    expect(cards.items.map((card) => card.slug)).toEqual(full.items.map((product) => product.slug));
    expect({ ...cards, items: [] }).toEqual({ ...full, items: [] });
    for (const [index, card] of cards.items.entries()) {
      const product = full.items[index];
      expect(card).toEqual({
        id: product?.id,
        slug: product?.slug,
        name: product?.name,
        priceCents: product?.priceCents,
        stock: product?.stock,
        vendor: product?.vendor,
        category: product?.category,
        photos: product?.photos,
      });
    }
  });

  it('a search ranks the name match above the description mention', async () => {
    const page = await listProductCards(db, { q: 'featherbook' });
    expect(page.items.map((card) => card.slug)).toEqual([fixture.products.featherbook.slug, fixture.products.vision.slug]);
  });

  it('related products are cards of the same category, never the product itself or an inactive one', async () => {
    const { featherbook } = fixture.products;
    const related = await relatedProducts(db, { id: featherbook.id, priceCents: 99_900, category: { slug: 'laptops', name: 'Laptops' } });
    expect(related.map((card) => card.slug)).toEqual([fixture.products.ultrabook.slug, fixture.products.powerbook.slug]);
    expect(Object.keys(related[0] ?? {}).sort()).toEqual(['category', 'id', 'name', 'photos', 'priceCents', 'slug', 'stock', 'vendor']);
  });
});
