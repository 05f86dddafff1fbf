import { customer, expect, test } from '../fixtures.js';
import { formatUsd, OrderConfirmationPage } from '../pages/storefront.js';

test('a guest checks out and sees the confirmation with an order number', { tag: ['@writes', '@checkout'] }, async ({ page, browser, header, productPage, cart, checkout, confirmation, catalogApi }) => {
  // Two storage products per project: this one to buy, the next for the test below.
  const product = await catalogApi.inStock('storage', { index: 2 * catalogApi.projectSlot });

  await test.step(`Put 2 × ${product.name} in the cart and go to the checkout`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(2);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await cart.checkoutLink.click();
    await expect(checkout.heading).toBeVisible();
  });
  await test.step('Check the order summary', async () => {
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary.getByRole('row').filter({ hasText: product.name })).toContainText(formatUsd(2 * product.priceCents));
  });
  await test.step('Fill in email, name and address and place the order', async () => {
    await checkout.placeOrder(customer);
    await expect(confirmation.heading).toBeVisible();
  });
  await test.step('See the confirmation with the order number, what was ordered and where it goes', async () => {
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    const orderNumber = await confirmation.orderNumber();
    expect(Number(orderNumber)).toBeGreaterThan(0);
    await expect(confirmation.confirmation).toContainText(`Contact email: ${customer.email}.`);
    await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText(product.name);
    await expect(page.getByRole('region', { name: 'Shipping to' })).toContainText('12 Analytical Row');
    await expect(header.cartLink).toHaveAccessibleName('Cart 0 items in cart');
  });
  await test.step('The order took its 2 units out of stock', async () => {
    expect((await catalogApi.product(product.slug)).stock).toBe(product.stock - 2);
  });

  // The order's address alone opens nothing in another browser; the private link does, and
  // leaves the address bar without its token.
  await test.step('Another browser gets “not found” for the order address but opens the private link', async () => {
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
});

test('checkout names the fields that are missing and places no order', { tag: '@checkout' }, async ({ page, productPage, cart, checkout, catalogApi }) => {
  const product = await catalogApi.inStock('storage', { index: 2 * catalogApi.projectSlot + 1 });

  await test.step(`Put ${product.name} in the cart and go to the checkout`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await checkout.goto();
  });
  await test.step('Place the order with a wrong email and no name or address', async () => {
    await checkout.placeOrder({ email: 'not-an-email', name: '', address: '' });
  });
  await test.step('Read which fields to correct, with what was typed kept', async () => {
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Full name')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Shipping address')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
  });
  await test.step('No order was placed: the stock is unchanged', async () => {
    expect((await catalogApi.product(product.slug)).stock).toBe(product.stock);
  });
});
