import { expect, test } from '../fixtures.js';

/** Products per catalog page, as the shop shows them. */
const pageSize = 24;

// The paging journey walks the peripherals (three pages of 24): the admin journeys add laptops
// while it runs, so the whole catalog's count is not a figure to check from step to step.
test('a visitor browses from the home page into the catalog and pages through a category', { tag: '@catalog' }, async ({ page, catalog, catalogApi }) => {
  const { total } = await catalogApi.list({ category: 'peripherals', pageSize: '1' });
  const lastPage = Math.ceil(total / pageSize);
  expect(lastPage, 'the peripherals fill more than two pages').toBeGreaterThan(2);

  await test.step('Go from the home page to the whole catalog', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Browse the whole catalog' }).click();
    await expect(catalog.heading).toHaveText('All products');
    await expect(catalog.summary).toHaveText(/^Showing 1–24 of \d+ products\.$/);
    await expect(catalog.productLinks).toHaveCount(pageSize);
  });
  await test.step('Open the peripherals', async () => {
    await page.goto('/categories/peripherals');
    await expect(catalog.heading).toHaveText('Peripherals');
    await expect(catalog.summary).toHaveText(`Showing 1–24 of ${total} products.`);
  });
  await test.step('Go to the next page', async () => {
    await catalog.goToPage('Next');
    await expect(page).toHaveURL(/\/categories\/peripherals\?page=2$/);
    await expect(catalog.summary).toHaveText(`Showing 25–48 of ${total} products.`);
    await expect(catalog.pagination.getByRole('link', { name: 'Page 2, current page' })).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle('Peripherals, page 2 | Bitshop');
  });
  await test.step('Go back to the previous page', async () => {
    await catalog.goToPage('Previous');
    await expect(catalog.summary).toHaveText(`Showing 1–24 of ${total} products.`);
  });
  await test.step(`Jump to the last page, page ${lastPage}`, async () => {
    await catalog.goToPage(lastPage);
    await expect(catalog.summary).toHaveText(`Showing ${(lastPage - 1) * pageSize + 1}–${total} of ${total} products.`);
    await expect(catalog.pagination.getByRole('link', { name: 'Next' })).toHaveCount(0);
  });
});

test('a category from the home page lists only that category', { tag: '@catalog' }, async ({ page, catalog, catalogApi }) => {
  const { total } = await catalogApi.list({ category: 'monitors', pageSize: '1' });

  await test.step('Choose Monitors on the home page', async () => {
    await page.goto('/');
    await page.getByRole('region', { name: 'Shop by category' }).getByRole('link', { name: 'Monitors' }).click();
  });
  await test.step('See only the monitors, with the category in the breadcrumb', async () => {
    await expect(catalog.heading).toHaveText('Monitors');
    await expect(catalog.summary).toContainText(`of ${total} products.`);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Monitors');
  });
});

test('a page past the end says where the results stop', { tag: ['@catalog', '@desktop'] }, async ({ catalog }) => {
  await test.step('Open page 999 of the catalog', async () => {
    await catalog.goto('?page=999');
    await expect(catalog.results).toContainText('Page 999 is past the end of these results');
  });
  await test.step('Follow the link to the first page', async () => {
    await catalog.results.getByRole('link', { name: 'Go to the first page' }).click();
    await expect(catalog.summary).toContainText('Showing 1–24 of');
  });
});
