import { customer, expect, test } from '../fixtures.js';

// axe-core with the WCAG 2.0 A and AA rules on the pages customers and the admin start from.
// Serious and critical findings fail; every check attaches its results (passed, needing review,
// violations by impact) to the report, so a passing run is evidence too.

test('the home page has no serious accessibility violations', { tag: ['@accessibility', '@catalog'] }, async ({ page, accessibility }) => {
  await test.step('Open the home page', async () => {
    await page.goto('/');
  });
  expect(await accessibility.seriousViolations('home page')).toEqual([]);
});

test('the catalog has no serious accessibility violations', { tag: ['@accessibility', '@catalog'] }, async ({ catalog, accessibility }) => {
  await test.step('Open the laptops in stock with 16 GB of memory: counted filters, chips and the sort form', async () => {
    await catalog.goto('?category=laptops&inStock=true&memory=16-gb');
    await expect(catalog.summary).toBeVisible();
  });
  expect(await accessibility.seriousViolations('catalog page')).toEqual([]);
});

test('a product page has no serious accessibility violations', { tag: ['@accessibility', '@catalog'] }, async ({ productPage, catalogApi, accessibility }) => {
  await test.step('Open a monitor in stock', async () => {
    const product = await catalogApi.inStock('monitors', { minStock: 1 });
    await productPage.goto(product.slug);
    await expect(productPage.heading).toBeVisible();
  });
  expect(await accessibility.seriousViolations('product page')).toEqual([]);
});

test('the cart and checkout have no serious accessibility violations', { tag: ['@accessibility', '@cart', '@checkout'] }, async ({ productPage, cart, checkout, catalogApi, accessibility }) => {
  await test.step('Put a monitor in the cart', async () => {
    const product = await catalogApi.inStock('monitors', { minStock: 1 });
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
  });
  await test.step('Try an expired voucher, so the cart shows its error message', async () => {
    await cart.applyVoucher('EXPIRED5');
    await expect(cart.voucherCode).toHaveAttribute('aria-invalid', 'true');
  });
  expect(await accessibility.seriousViolations('cart page with a refused voucher')).toEqual([]);

  await test.step('Go to the checkout', async () => {
    await checkout.goto();
    await expect(checkout.heading).toBeVisible();
  });
  expect(await accessibility.seriousViolations('checkout page')).toEqual([]);
});

// A test of its own: three axe runs in one test do not fit its time budget on a busy machine.
test('the checkout with field errors has no serious accessibility violations', { tag: ['@accessibility', '@checkout'] }, async ({ productPage, cart, checkout, catalogApi, accessibility }) => {
  await test.step('Put a monitor in the cart and go to the checkout', async () => {
    const product = await catalogApi.inStock('monitors', { minStock: 1 });
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await checkout.goto();
  });
  await test.step('Place the order with nothing filled in, so every address field shows its error', async () => {
    await checkout.placeOrderButton.click();
    await expect(checkout.page.getByLabel('Street and number')).toHaveAttribute('aria-invalid', 'true');
  });
  expect(await accessibility.seriousViolations('checkout page with field errors')).toEqual([]);
});

test('the order confirmation and the order page have no serious accessibility violations', { tag: ['@accessibility', '@checkout', '@writes'] }, async ({ productPage, cart, checkout, confirmation, orderPage, catalogApi, accessibility }) => {
  await test.step('Buy a processor with express shipping', async () => {
    // index 1: the journey without JavaScript buys the first processor.
    const product = await catalogApi.inStock('processors', { index: 1 });
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await checkout.goto();
    await checkout.placeOrder(customer, 'Express');
    await expect(confirmation.heading).toBeVisible();
  });
  expect(await accessibility.seriousViolations('order confirmation')).toEqual([]);
  await test.step('Open the order page from the confirmation', async () => {
    await confirmation.orderPageLink.click();
    await expect(orderPage.heading).toBeVisible();
  });
  expect(await accessibility.seriousViolations('order page')).toEqual([]);
});

test('the admin login page has no serious accessibility violations', { tag: ['@accessibility', '@admin'] }, async ({ adminLogin, accessibility }) => {
  await test.step('Open the admin login page', async () => {
    await adminLogin.goto();
    await expect(adminLogin.heading).toBeVisible();
  });
  expect(await accessibility.seriousViolations('admin login page')).toEqual([]);
});

test('the admin sessions page has no serious accessibility violations', { tag: ['@accessibility', '@admin'] }, async ({ admin, page, accessibility }) => {
  await test.step('Open the sessions page as the logged-in admin', async () => {
    await page.goto('/admin/sessions');
    await expect(admin.heading).toHaveText('Sessions');
  });
  expect(await accessibility.seriousViolations('admin sessions page')).toEqual([]);
});

test('the admin shipping method form with errors has no serious accessibility violations', { tag: ['@accessibility', '@admin'] }, async ({ admin, page, accessibility }) => {
  await test.step('Open the standard shipping method and save it with a price of “free”', async () => {
    await page.goto('/admin/shipping');
    await expect(admin.heading).toHaveText('Shipping methods');
    await page.getByRole('link', { name: 'Standard' }).click();
    await page.getByLabel('Price (USD, VAT included)').fill('free');
    await page.getByRole('button', { name: 'Save shipping method' }).click();
    await expect(page.getByRole('alert')).toHaveText('One field needs attention. Nothing was saved.');
  });
  expect(await accessibility.seriousViolations('admin shipping method form with an error')).toEqual([]);
});

test('the admin form for a new shipping method, sent with a malformed code, has no serious accessibility violations', { tag: ['@accessibility', '@admin'] }, async ({ admin, page, accessibility }) => {
  await test.step('Open "New shipping method" and send it with the code “Same Day”', async () => {
    await page.goto('/admin/shipping');
    await page.getByRole('link', { name: 'New shipping method' }).click();
    await expect(admin.heading).toHaveText('New shipping method');
    await page.getByLabel('Code').fill('Same Day');
    await page.getByLabel('Name', { exact: true }).fill('Same day');
    await page.getByLabel('Price (USD, VAT included)').fill('9.90');
    await page.getByLabel('Delivery estimate').fill('delivered today when ordered by 11:00');
    await page.getByRole('button', { name: 'Add shipping method' }).click();
    await expect(page.getByRole('alert')).toHaveText('One field needs attention. Nothing was saved.');
  });
  expect(await accessibility.seriousViolations('admin new shipping method form with an error')).toEqual([]);
});
