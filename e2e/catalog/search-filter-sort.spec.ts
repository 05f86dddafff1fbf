import { expect, test } from '../fixtures.js';

test('searching for a product by its name finds it', { tag: ['@smoke', '@catalog'] }, async ({ page, header, catalog }) => {
  // Whatever the deployment sells: take a product from the catalog and look it up by name.
  const name = await test.step('Pick the first product of the catalog', async () => {
    await catalog.goto('?sort=name');
    const text = (await catalog.productLinks.first().textContent())?.trim() ?? '';
    expect(text).not.toBe('');
    return text;
  });
  await test.step(`Search for “${name}”`, async () => {
    await header.search(name);
    await expect(page).toHaveURL(/\/search\?q=/);
  });
  await test.step('Find it among the results, with the search term kept in the box', async () => {
    await expect(catalog.heading).toHaveText(`Search results for “${name}”`);
    await expect(catalog.results.getByRole('link', { name, exact: true }).first()).toBeVisible();
    await expect(header.searchBox).toHaveValue(name);
  });
});

test('filters by category, vendor and price, sorted by price, match the catalog API', { tag: '@catalog' }, async ({ page, catalog, catalogApi }) => {
  const expected = await catalogApi.list({ category: 'laptops', vendor: 'lenovo', minPriceCents: '50000', maxPriceCents: '250000', sort: 'price_asc' });
  expect(expected.total).toBeGreaterThan(1);

  await test.step('Filter the catalog to Lenovo laptops from $500 to $2,500, cheapest first', async () => {
    await catalog.goto();
    await catalog.filterByCategory('Laptops');
    await catalog.filterByVendor('Lenovo');
    await catalog.priceBetween(500, 2500);
    await catalog.applyFilters();
    await catalog.sortBy('Price: low to high');
  });
  await test.step('See the same products as the catalog API, with the sort kept', async () => {
    await expect(page).toHaveURL(/category=laptops/);
    await expect(catalog.heading).toHaveText('Laptops');
    await expect(catalog.summary).toContainText(`of ${expected.total} ${expected.total === 1 ? 'product' : 'products'}.`);
    await expect(catalog.productLinks.first()).toHaveText(expected.items[0]?.name ?? '');
    await expect(catalog.sortForm.getByLabel('Sort by')).toHaveValue('price_asc');
  });
  await test.step('Every price is within the range, cheapest first', async () => {
    const prices = await catalog.prices();
    expect(prices.length).toBe(Math.min(expected.total, 24));
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const price of prices) expect(price).toBeGreaterThanOrEqual(50_000);
    for (const price of prices) expect(price).toBeLessThanOrEqual(250_000);
  });
});

test('search results sort by price from high to low', { tag: ['@catalog', '@desktop'] }, async ({ page, header, catalog }) => {
  await test.step('Search for “monitor”', async () => {
    await page.goto('/');
    await header.search('monitor');
    await expect(catalog.sortForm.getByLabel('Sort by')).toHaveValue('relevance');
  });
  await test.step('Sort the results by price, highest first', async () => {
    await catalog.sortBy('Price: high to low');
    await expect(page).toHaveURL(/q=monitor.*sort=price_desc/);
    await expect(catalog.sortForm.getByLabel('Sort by')).toHaveValue('price_desc');
  });
  await test.step('The prices go down the list', async () => {
    const prices = await catalog.prices();
    expect(prices.length).toBeGreaterThan(1);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });
});

test('a search without matches says so and offers the whole catalog', { tag: ['@catalog', '@desktop'] }, async ({ header, catalog, page }) => {
  await test.step('Search for something the shop does not sell', async () => {
    await page.goto('/');
    await header.search('qwxzy flux capacitor');
    await expect(catalog.summary).toHaveText('No products found.');
  });
  await test.step('Follow the link to show everything', async () => {
    await catalog.results.getByRole('link', { name: 'show everything' }).click();
    await expect(page).toHaveURL(/\/search$/);
    await expect(catalog.heading).toHaveText('Search the catalog');
  });
});
