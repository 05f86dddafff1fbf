import { expect, test } from '../fixtures.js';

// The same page twice: phones see it once.
for (const [path, tag] of [['/no-such-page', ['@catalog']], ['/products/no-such-product', ['@catalog', '@desktop']]] as const) {
  test(`${path} answers 404 with a page that leads back to the shop`, { tag: [...tag] }, async ({ page }) => {
    await test.step(`Open ${path}`, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
    });
    await test.step('Read that the page was not found', async () => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expect(page).toHaveTitle('Page not found | Bitshop');
    });
    await test.step('Search the catalog from the page', async () => {
      await page.getByRole('main').getByLabel('Search the catalog').fill('laptop');
      await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
      await expect(page).toHaveURL(/\/search\?q=laptop$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search results for “laptop”');
      await page.goBack();
    });
    await test.step('Follow the link back to the shop', async () => {
      await page.getByRole('link', { name: 'Back to the shop' }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
    });
  });
}
