import { expect, test } from '../fixtures.js';

// axe-core with the WCAG 2.0 A and AA rules on the pages customers and the admin start from.
// Serious and critical findings fail; the list in the failure names rule and element.

test('the home page has no serious accessibility violations', async ({ page, accessibility }) => {
  await page.goto('/');
  expect(await accessibility.seriousViolations()).toEqual([]);
});

test('the catalog has no serious accessibility violations', async ({ catalog, accessibility }) => {
  await catalog.goto('?category=laptops&inStock=true');
  await expect(catalog.summary).toBeVisible();
  expect(await accessibility.seriousViolations()).toEqual([]);
});

test('a product page has no serious accessibility violations', async ({ productPage, catalogApi, accessibility }) => {
  const product = await catalogApi.inStock('monitors', { minStock: 1 });
  await productPage.goto(product.slug);
  await expect(productPage.heading).toBeVisible();
  expect(await accessibility.seriousViolations()).toEqual([]);
});

test('the cart and checkout have no serious accessibility violations', async ({ productPage, cart, checkout, catalogApi, accessibility }) => {
  const product = await catalogApi.inStock('monitors', { minStock: 1 });
  await productPage.goto(product.slug);
  await productPage.addToCart(1);
  await expect(cart.status).toHaveText('The product was added to your cart.');
  await cart.applyVoucher('EXPIRED5');
  await expect(cart.voucherCode).toHaveAttribute('aria-invalid', 'true');
  expect(await accessibility.seriousViolations()).toEqual([]);

  await checkout.goto();
  await expect(checkout.heading).toBeVisible();
  expect(await accessibility.seriousViolations()).toEqual([]);
});

test('the admin login page has no serious accessibility violations', async ({ adminLogin, accessibility }) => {
  await adminLogin.goto();
  await expect(adminLogin.heading).toBeVisible();
  expect(await accessibility.seriousViolations()).toEqual([]);
});

test('the admin sessions page has no serious accessibility violations', async ({ admin, page, accessibility }) => {
  await page.goto('/admin/sessions');
  await expect(admin.heading).toHaveText('Sessions');
  expect(await accessibility.seriousViolations()).toEqual([]);
});
