import { expect, test } from '../fixtures.js';

for (const path of ['/no-such-page', '/products/no-such-product']) {
  test(`${path} answers 404 with a page that leads back to the shop`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page).toHaveTitle('Page not found | Bitshop');
    await page.getByRole('link', { name: 'Back to the shop' }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
  });
}
