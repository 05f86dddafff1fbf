import type { Locator, Page } from '@playwright/test';
import { customer, expect, test } from '../fixtures.js';

// The pages a shopper passes on the way to an order, compared with committed baselines at each
// size (desktop 1280 px, Pixel 7 and iPhone 13). They run on the seed catalog before any journey
// changes it (playwright.config.ts), and every screenshot is the whole page, so a card that
// wraps, a table that overflows or a button pushed below the fold shows as a difference. What
// differs from one run to the next by design (the order number) is masked.
// Baselines: e2e/visual/baselines/; `npm run e2e:baselines` writes them anew (e2e/README.md).

// Lazy images below the fold load too, so a screenshot never catches one half-loaded. (A
// string is evaluated once; a polled one would need eval, which the shop's CSP forbids.)
const loadEveryImage = `(() => { for (const image of document.images) image.loading = 'eager'; })()`;

async function settle(page: Page): Promise<void> {
  await page.evaluate(loadEveryImage);
  for (const image of await page.locator('img').all()) {
    await expect(image).toHaveJSProperty('complete', true);
    await expect.poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
  }
}

async function expectPage(page: Page, name: string, options: { mask?: Locator[] } = {}): Promise<void> {
  await settle(page);
  await expect(page).toHaveScreenshot(`${name}.png`, { fullPage: true, ...options });
}

test('the home page looks as it did', { tag: ['@catalog', '@visual'] }, async ({ page }) => {
  await test.step('Open the home page', async () => {
    await page.goto('/');
  });
  await test.step('It matches its baseline', async () => {
    await expectPage(page, 'home');
  });
});

test('a category listing looks as it did', { tag: ['@catalog', '@visual'] }, async ({ page, catalog }) => {
  await test.step('Open the graphics cards', async () => {
    await page.goto('/categories/graphics-cards');
    await expect(catalog.summary).toBeVisible();
  });
  await test.step('It matches its baseline', async () => {
    await expectPage(page, 'catalog');
  });
});

test('a product page, the cart, the checkout and the confirmation look as they did', { tag: ['@catalog', '@cart', '@checkout', '@writes', '@visual'] }, async ({ page, catalogApi, productPage, cart, checkout, confirmation }) => {
  // The first graphics card by name with 20 units or more: every size buys one, and a stock
  // label that changed ("Only 4 left") would change the pictures. The seed's first such card
  // has far more than the few units a run takes, so every size and every run picks the same.
  const { items } = await catalogApi.list({ category: 'graphics-cards', sort: 'name' });
  const product = items.find((item) => item.stock >= 20);
  if (product === undefined) throw new Error('the catalog has no graphics card with 20 units in stock');

  await test.step(`Open ${product.name}`, async () => {
    await productPage.goto(product.slug);
    await expectPage(page, 'product');
  });
  await test.step('Put it in the cart', async () => {
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await expectPage(page, 'cart');
  });
  await test.step('Go to the checkout', async () => {
    await checkout.goto();
    await expect(checkout.heading).toBeVisible();
    await expectPage(page, 'checkout');
  });
  await test.step('Place the order and see the confirmation', async () => {
    await checkout.placeOrder(customer);
    await expect(confirmation.heading).toBeVisible();
    await expectPage(page, 'confirmation', { mask: [confirmation.confirmation] });
  });
});
