import { expect, test, type ApiProduct, type CatalogApi } from '../fixtures.js';
import { parseUsd } from '../pages/storefront.js';

// Finding things: spec filters with counts, filter chips, the sort form, breadcrumbs and
// related products, as a shopper uses them on a desktop and on a phone.

/** Every active product of a category, through the API (which pages by 100). */
async function wholeCategory(catalogApi: CatalogApi, category: string): Promise<ApiProduct[]> {
  const products: ApiProduct[] = [];
  for (let page = 1; ; page += 1) {
    const result = await catalogApi.list({ category, page: String(page) });
    products.push(...result.items);
    if (page >= result.totalPages) return products;
  }
}

const countText = (total: number) => `of ${total} ${total === 1 ? 'product' : 'products'}.`;

test('a shopper narrows laptops to 16 GB of memory, then removes that filter by its chip', { tag: '@catalog' }, async ({ page, catalog, catalogApi }) => {
  const laptops = await wholeCategory(catalogApi, 'laptops');
  const with16 = laptops.filter((laptop) => laptop.specs.ram_gb === 16);
  expect(with16.length).toBeGreaterThan(0);

  await test.step('Open the laptops and pick 16 GB under Memory, where its count is shown', async () => {
    await page.goto('/categories/laptops');
    await catalog.showFilters();
    const memory = catalog.filters.getByRole('group', { name: 'Memory' });
    await expect(memory.getByRole('checkbox', { name: `16 GB (${with16.length})` })).toBeVisible();
    await memory.getByRole('checkbox', { name: `16 GB (${with16.length})` }).check();
    await catalog.applyFilters();
  });
  await test.step('See exactly that many laptops, and the filter as a chip above them', async () => {
    await expect(page).toHaveURL(/memory=16-gb/);
    await expect(catalog.summary).toContainText(countText(with16.length));
    await expect(catalog.activeFilters.getByRole('link', { name: 'Remove Memory: 16 GB' })).toBeVisible();
    const names = new Set(with16.map((laptop) => laptop.name));
    for (const name of await catalog.productLinks.allTextContents()) expect(names.has(name.trim()), name).toBe(true);
  });
  await test.step('Remove the chip: every laptop is back and no filter is shown', async () => {
    await catalog.removeFilter('Memory: 16 GB');
    await expect(page).not.toHaveURL(/memory=/);
    await expect(catalog.summary).toContainText(countText(laptops.length));
    await expect(catalog.activeFilters).toHaveCount(0);
  });
});

test('"Clear all" removes every filter at once and keeps the order', { tag: '@catalog' }, async ({ page, catalog }) => {
  await test.step('Open monitors from two vendors under $500, cheapest first', async () => {
    await page.goto('/categories/monitors?vendor=dell&vendor=samsung&max=500&sort=price_asc');
    await expect(catalog.activeFilters.getByRole('link', { name: /^Remove / })).toHaveText(['Remove Vendor: Dell ×', 'Remove Vendor: Samsung ×', 'Remove Up to $500 ×']);
  });
  await test.step('Remove one vendor: the other filters stay', async () => {
    await catalog.removeFilter('Vendor: Dell');
    await expect(catalog.activeFilters.getByRole('link', { name: /^Remove / })).toHaveText(['Remove Vendor: Samsung ×', 'Remove Up to $500 ×']);
  });
  await test.step('Clear all: every monitor, still cheapest first', async () => {
    await catalog.activeFilters.getByRole('link', { name: 'Clear all' }).click();
    await expect(page).toHaveURL(/\/categories\/monitors\?sort=price_asc$/);
    await expect(catalog.activeFilters).toHaveCount(0);
    const prices = await catalog.prices();
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });
});

test('the sort beside the results reorders them and keeps the filters', { tag: '@catalog' }, async ({ page, catalog }) => {
  await test.step('Open graphics cards in stock', async () => {
    await page.goto('/categories/graphics-cards?inStock=true');
    await expect(catalog.activeFilters.getByRole('link', { name: 'Remove In stock only' })).toBeVisible();
  });
  await test.step('Sort them by price, highest first, from the form above the list', async () => {
    await catalog.sortBy('Price: high to low');
    await expect(page).toHaveURL(/inStock=true.*sort=price_desc/);
    await expect(catalog.sortForm.getByLabel('Sort by')).toHaveValue('price_desc');
    await expect(catalog.activeFilters.getByRole('link', { name: 'Remove In stock only' })).toBeVisible();
  });
  await test.step('The prices go down the list', async () => {
    const prices = await catalog.prices();
    expect(prices.length).toBeGreaterThan(1);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });
});

test('breadcrumbs lead from a product to its vendor in its category and back to the catalog', { tag: '@catalog' }, async ({ page, catalog, productPage, catalogApi }) => {
  const laptop = await catalogApi.inStock('laptops', { minStock: 1 });

  await test.step(`Open the ${laptop.name} and read where it sits`, async () => {
    await productPage.goto(laptop.slug);
    await expect(catalog.breadcrumb.getByRole('listitem')).toHaveText(['Home', laptop.category.name, laptop.vendor.name, laptop.name]);
    await expect(catalog.breadcrumb.locator('[aria-current="page"]')).toHaveText(laptop.name);
  });
  await test.step(`Follow “${laptop.vendor.name}”: the ${laptop.category.name.toLowerCase()} of that vendor`, async () => {
    await catalog.breadcrumb.getByRole('link', { name: laptop.vendor.name }).click();
    await expect(catalog.heading).toHaveText(laptop.category.name);
    await expect(catalog.activeFilters.getByRole('link', { name: `Remove Vendor: ${laptop.vendor.name}` })).toBeVisible();
    await expect(catalog.results.getByRole('link', { name: laptop.name, exact: true })).toBeVisible();
  });
  await test.step('Follow “Catalog” to the whole catalog', async () => {
    await catalog.breadcrumb.getByRole('link', { name: 'Catalog' }).click();
    await expect(page).toHaveURL(/\/products$/);
    await expect(catalog.breadcrumb.locator('[aria-current="page"]')).toHaveText('Catalog');
  });
});

test('a product page offers related products of its category and says how delivery and returns work', { tag: '@catalog' }, async ({ page, productPage, catalogApi }) => {
  const monitor = await catalogApi.inStock('monitors', { minStock: 1 });
  const related = page.getByRole('region', { name: 'Related products' });

  await test.step(`Open the ${monitor.name}`, async () => {
    await productPage.goto(monitor.slug);
    await expect(productPage.heading).toHaveText(monitor.name);
  });
  await test.step('See up to four other monitors, each with its picture and price', async () => {
    const cards = related.getByRole('listitem');
    await expect(cards.first()).toBeVisible();
    const count = await cards.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThanOrEqual(4);
    await expect(related.getByRole('link', { name: monitor.name, exact: true })).toHaveCount(0);
    for (let index = 0; index < count; index += 1) {
      const card = cards.nth(index);
      await expect(card.locator('img')).toHaveCount(1);
      expect(parseUsd(await card.getByText(/^\$[\d,]+\.\d\d$/).innerText())).toBeGreaterThan(0);
    }
  });
  await test.step('Read delivery, returns and warranty', async () => {
    const policy = page.getByRole('region', { name: 'Delivery, returns and warranty' });
    await expect(policy.getByRole('term')).toHaveText(['Delivery', 'Returns', 'Warranty']);
    await expect(policy).toContainText('Free delivery');
  });
  await test.step('Open the first related product: another monitor', async () => {
    const first = related.getByRole('heading').getByRole('link').first();
    const name = (await first.textContent())?.trim() ?? '';
    await first.click();
    await expect(productPage.heading).toHaveText(name);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Monitors' })).toBeVisible();
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('spec filters, the sort form and the chips work as plain forms and links', { tag: ['@catalog', '@desktop'] }, async ({ page, catalog }) => {
    await test.step('Pick a processor family in the laptops and apply', async () => {
      await page.goto('/categories/laptops');
      await catalog.filters.getByRole('group', { name: 'Processor family' }).getByRole('checkbox', { name: /^Intel Core i7 \(\d+\)$/ }).check();
      await catalog.applyFilters();
      await expect(page).toHaveURL(/cpu=intel-core-i7/);
    });
    await test.step('Sort by name: the filter stays', async () => {
      await catalog.sortBy('Name: A to Z');
      await expect(page).toHaveURL(/cpu=intel-core-i7&sort=name/);
      const names = (await catalog.productLinks.allTextContents()).map((name) => name.trim());
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name).toMatch(/i7-/);
    });
    await test.step('Remove the chip: the order stays', async () => {
      await catalog.removeFilter('Processor family: Intel Core i7');
      await expect(page).toHaveURL(/\/categories\/laptops\?sort=name$/);
    });
  });
});
