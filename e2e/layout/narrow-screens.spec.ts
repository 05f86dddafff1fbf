import { customer, expect, test, type ApiProduct } from '../fixtures.js';
import type { Page } from '@playwright/test';

// The smallest phone screen in use: 320 CSS pixels. Every page fits without sideways scrolling,
// and the parts a shopper needs first come first. The width is set here, so the desktop
// project runs these alone (@desktop keeps them off the phone projects, which would only repeat
// them at the same 320 px).
test.use({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });

// Evaluated in the page (a string: the e2e project is compiled without the DOM's types). Names
// the innermost elements that reach past the screen's right edge, so a failure says what to fix.
const widthsInPage = `(() => {
  const root = document.documentElement;
  const wide = [...document.body.querySelectorAll('*')]
    .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 0.5)
    .filter((element) => ![...element.children].some((child) => child.getBoundingClientRect().right > root.clientWidth + 0.5))
    .slice(0, 8)
    .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + String(element.className).split(' ').join('.') : '') + ' (' + Math.round(element.getBoundingClientRect().right) + ' px)');
  return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide };
})()`;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  await test.step('Nothing on the page is wider than the 320 px screen', async () => {
    const widths = await page.evaluate<{ scrollWidth: number; clientWidth: number; wide: string[] }>(widthsInPage);
    expect(widths.clientWidth).toBe(320);
    expect(widths.scrollWidth, `the page scrolls sideways; reaching past 320 px: ${widths.wide.join(', ')}`).toBeLessThanOrEqual(320);
  });
}

async function addToCart(page: Page, product: ApiProduct): Promise<void> {
  await page.goto(`/products/${product.slug}`);
  await page.getByRole('complementary', { name: 'Purchase' }).getByRole('button', { name: 'Add to cart' }).click();
  await expect(page.getByRole('main').getByRole('status')).toHaveText('The product was added to your cart.');
}

test('the home page fits a 320 px screen', { tag: ['@catalog', '@desktop'] }, async ({ page }) => {
  await test.step('Open the home page', async () => {
    await page.goto('/');
  });
  await expectNoSidewaysScroll(page);
});

test('the catalog fits a 320 px screen, with its filters behind a Filters button', { tag: ['@catalog', '@desktop'] }, async ({ page, catalog }) => {
  await test.step('Open the catalog: the results come first, the filters are closed', async () => {
    await catalog.goto();
    await expect(catalog.filtersButton).toBeVisible();
    await expect(catalog.filters).toBeHidden();
    await expect(catalog.productLinks.first()).toBeInViewport();
  });
  await expectNoSidewaysScroll(page);
  await test.step('Open the filters with the Filters button', async () => {
    await catalog.filtersButton.click();
    await expect(catalog.filters).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
});

test('a filtered listing fits a 320 px screen, with its filter chips and the sort form', { tag: ['@catalog', '@desktop'] }, async ({ page, catalog }) => {
  await test.step('Open desktops with the longest graphics name, in stock, sorted by price', async () => {
    await page.goto('/categories/desktops?gpu=nvidia-geforce-rtx-4070-ti-super&vendor=dell&inStock=true&sort=price_asc');
    await expect(catalog.activeFilters.getByRole('link', { name: 'Remove Graphics: NVIDIA GeForce RTX 4070 Ti SUPER' })).toBeVisible();
    await expect(catalog.sortForm.getByRole('button', { name: 'Sort' })).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
});

test('a product page fits a 320 px screen, with price and Add to cart under the title', { tag: ['@catalog', '@desktop'] }, async ({ page, productPage, catalogApi }) => {
  const product = await catalogApi.inStock('laptops', { minStock: 1 });
  await test.step(`Open the ${product.name}`, async () => {
    await productPage.goto(product.slug);
  });
  await test.step('See the price and Add to cart without scrolling', async () => {
    await expect(productPage.price).toBeInViewport();
    await expect(productPage.addToCartButton).toBeInViewport();
    const title = await productPage.heading.boundingBox();
    const buy = await productPage.buyBox.boundingBox();
    expect(buy?.y ?? 0).toBeGreaterThan(title?.y ?? Number.POSITIVE_INFINITY);
  });
  await expectNoSidewaysScroll(page);
});

test('the cart fits a 320 px screen with every line’s controls in view', { tag: ['@cart', '@desktop'] }, async ({ page, cart, catalogApi }) => {
  const product = await catalogApi.inStock('memory', { index: 2 });
  await test.step(`Put ${product.name} in the cart`, async () => {
    await addToCart(page, product);
  });
  await test.step('See price, quantity, Update, line total and Remove within the screen', async () => {
    const row = cart.row(product.name);
    const parts = [...(await row.getByRole('cell').all()), row.getByRole('button', { name: 'Update' }), page.getByRole('button', { name: `Remove ${product.name}` })];
    expect(parts.length).toBe(6);
    for (const part of parts) {
      const box = await part.boundingBox();
      expect(box, 'the part is on the page').not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(320);
    }
  });
  await expectNoSidewaysScroll(page);
});

test('the checkout and the confirmation fit a 320 px screen', { tag: ['@checkout', '@desktop'] }, async ({ page, checkout, confirmation, catalogApi }) => {
  // Its own product, a third per project after the two the checkout journey buys.
  const product = await catalogApi.inStock('storage', { index: 6 });
  await test.step(`Put ${product.name} in the cart and go to the checkout`, async () => {
    await addToCart(page, product);
    await checkout.goto();
    await expect(checkout.heading).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
  await test.step('Place the order', async () => {
    await checkout.placeOrder(customer);
    await expect(confirmation.heading).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
});

test('the not-found page fits a 320 px screen, its search form too', { tag: ['@catalog', '@desktop'] }, async ({ page }) => {
  await test.step('Open an address that leads nowhere', async () => {
    await page.goto('/no-such-page');
    await expect(page.getByRole('main').getByLabel('Search the catalog')).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
});

test('the admin dashboard and a product’s edit page with its image upload fit a 320 px screen', { tag: ['@admin', '@desktop'] }, async ({ admin, page }) => {
  await test.step('Open the dashboard', async () => {
    await page.goto('/admin');
    await expect(admin.heading).toHaveText('Dashboard');
  });
  await expectNoSidewaysScroll(page);
  await test.step('Open the first product’s edit page', async () => {
    await page.goto('/admin/products');
    await page.getByRole('main').getByRole('table').getByRole('link').first().click();
    await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
  });
  await expectNoSidewaysScroll(page);
});
