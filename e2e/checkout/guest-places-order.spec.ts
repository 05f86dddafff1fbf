import { customer, expect, test } from '../fixtures.js';
import { formatUsd, OrderConfirmationPage } from '../pages/storefront.js';

test('a guest checks out and sees the confirmation with an order number', { tag: '@writes' }, async ({ page, browser, header, productPage, cart, checkout, confirmation, catalogApi }) => {
  const product = await catalogApi.inStock('storage');

  await productPage.goto(product.slug);
  await productPage.addToCart(2);
  await expect(cart.status).toHaveText('The product was added to your cart.');
  await cart.checkoutLink.click();

  await expect(checkout.heading).toBeVisible();
  const summary = page.getByRole('region', { name: 'Order summary' });
  await expect(summary.getByRole('row').filter({ hasText: product.name })).toContainText(formatUsd(2 * product.priceCents));
  await checkout.placeOrder(customer);

  await expect(confirmation.heading).toBeVisible();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  const orderNumber = await confirmation.orderNumber();
  expect(Number(orderNumber)).toBeGreaterThan(0);
  await expect(confirmation.confirmation).toContainText(`Contact email: ${customer.email}.`);
  await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText(product.name);
  await expect(page.getByRole('region', { name: 'Shipping to' })).toContainText('12 Analytical Row');
  await expect(header.cartLink).toHaveAccessibleName('Cart 0 items in cart');

  // The order took its units out of stock.
  expect((await catalogApi.product(product.slug)).stock).toBe(product.stock - 2);

  // The order's address alone opens nothing in another browser; the private link does, and
  // leaves the address bar without its token.
  const orderUrl = page.url();
  const linkUrl = new URL(await confirmation.privateLinkPath(), orderUrl).toString();
  const elsewhere = await browser.newContext();
  try {
    const other = await elsewhere.newPage();
    const stranger = await other.goto(orderUrl);
    expect(stranger?.status()).toBe(404);
    await expect(other.getByRole('heading', { level: 1 })).not.toHaveText('Thank you for your order');
    await other.goto(linkUrl);
    await expect(other).toHaveURL(orderUrl);
    await expect(new OrderConfirmationPage(other).heading).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});

test('checkout names the fields that are missing and places no order', async ({ page, productPage, cart, checkout, catalogApi }) => {
  const product = await catalogApi.inStock('storage', { index: 1 });
  await productPage.goto(product.slug);
  await productPage.addToCart(1);
  await expect(cart.status).toHaveText('The product was added to your cart.');

  await checkout.goto();
  await checkout.placeOrder({ email: 'not-an-email', name: '', address: '' });
  await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Shipping address')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  expect((await catalogApi.product(product.slug)).stock).toBe(product.stock);
});
