import { customer, expect, test } from '../fixtures.js';
import { expectOrderSummary, formatUsd, OrderPage } from '../pages/storefront.js';

test('a guest checks out with express shipping and sees the confirmation, what happens next and the order page', { tag: ['@writes', '@checkout'] }, async ({ page, browser, header, productPage, cart, checkout, confirmation, orderPage, catalogApi }) => {
  // Two storage products per project: this one to buy, the next for the test below.
  const product = await catalogApi.inStock('storage', { index: 2 * catalogApi.projectSlot });
  const subtotalCents = 2 * product.priceCents;
  // Express costs $14.90 whatever the amount; standard is free from $150.00 of goods.
  const expressCents = 1490;

  await test.step(`Put 2 × ${product.name} in the cart and go to the checkout`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(2);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await cart.checkoutLink.click();
    await expect(checkout.heading).toBeVisible();
  });
  await test.step('Check the order summary: the products, standard shipping preselected and the VAT included', async () => {
    const summary = page.getByRole('region', { name: 'Order summary' });
    await expect(summary.getByRole('row').filter({ hasText: product.name })).toContainText(formatUsd(2 * product.priceCents));
    await expectOrderSummary(summary.locator('dl'), { subtotalCents, shipping: 'Standard', shippingCents: subtotalCents >= 15_000 ? 0 : 690 });
    await expect(checkout.shippingOption('Standard')).toBeChecked();
    await expect(checkout.shippingOption('Express')).toHaveAccessibleName('Express: $14.90');
    await expect(page.getByRole('group', { name: 'Shipping method' }).getByText(`Order total with Express: ${formatUsd(subtotalCents + expressCents)}.`)).toBeVisible();
  });
  await test.step('Fill in email, name and the delivery address, choose express shipping and place the order', async () => {
    await checkout.placeOrder(customer, 'Express');
    await expect(confirmation.heading).toBeVisible();
  });
  await test.step('See the confirmation: order number, the summary with express shipping and VAT, and what happens next', async () => {
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}\/confirmation$/);
    expect(Number(await confirmation.orderNumber())).toBeGreaterThan(0);
    await expectOrderSummary(confirmation.summary, { subtotalCents, shipping: 'Express', shippingCents: expressCents });
    await expect(confirmation.nextSteps).toContainText(`This shop sends no confirmation email: we write to ${customer.email} only if something about the order needs your answer.`);
    await expect(confirmation.nextSteps).toContainText('Your parcel goes by Express shipping: dispatched the same business day');
    await expect(page.getByRole('region', { name: 'Shipping to' })).toContainText(`${customer.line1}${customer.line2}${customer.postalCode} ${customer.city}Ecuador`);
    await expect(header.cartLink).toHaveAccessibleName('Cart 0 items in cart');
  });
  await test.step('Follow the link to the order page, which shows the same order and address', async () => {
    await confirmation.orderPageLink.click();
    await expect(orderPage.heading).toBeVisible();
    await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
    await expect(orderPage.confirmation).toContainText(`Contact email: ${customer.email}.`);
    await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText(product.name);
    await expect(page.getByRole('region', { name: 'Shipping to' })).toContainText(customer.line1);
    await expect(page.getByRole('region', { name: 'Shipping to' })).toContainText('Express shipping');
  });
  await test.step('The order took its 2 units out of stock', async () => {
    expect((await catalogApi.product(product.slug)).stock).toBe(product.stock - 2);
  });

  // The order's address alone opens nothing in another browser; the private link does, and
  // leaves the address bar without its token.
  await test.step('Another browser gets “not found” for the order address but opens the private link', async () => {
    const orderUrl = page.url();
    const linkUrl = new URL(await orderPage.privateLinkPath(), orderUrl).toString();
    const elsewhere = await browser.newContext();
    try {
      const other = await elsewhere.newPage();
      const stranger = await other.goto(orderUrl);
      expect(stranger?.status()).toBe(404);
      await expect(other.getByRole('heading', { level: 1 })).not.toHaveText(/^Order \d+$/);
      await other.goto(linkUrl);
      await expect(other).toHaveURL(orderUrl);
      await expect(new OrderPage(other).heading).toBeVisible();
    } finally {
      await elsewhere.close();
    }
  });
});

test('checkout names each address field that is wrong, keeps what was typed and places no order', { tag: '@checkout' }, async ({ page, productPage, cart, checkout, catalogApi }) => {
  const product = await catalogApi.inStock('storage', { index: 2 * catalogApi.projectSlot + 1 });

  await test.step(`Put ${product.name} in the cart and go to the checkout`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await checkout.goto();
  });
  await test.step('Place the order with a wrong email, no name or street, and a 4-digit postal code', async () => {
    await checkout.placeOrder({ email: 'not-an-email', name: '', line1: '', line2: 'Casa azul', postalCode: '1701', city: 'Quito' });
  });
  await test.step('Read which fields to correct, each with its message, with what was typed kept', async () => {
    await expect(page.getByRole('alert')).toHaveText('Please correct the highlighted fields.');
    for (const label of ['Email', 'Full name', 'Street and number', 'Postal code']) {
      await expect(page.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    }
    await expect(page.getByLabel('Street and number')).toHaveAccessibleDescription('enter the street and number');
    await expect(page.getByLabel('Postal code')).toHaveAccessibleDescription('6 digits, e.g. 170150 enter the 6-digit postal code, e.g. 170150');
    await expect(page.getByLabel('City')).not.toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Email')).toHaveValue('not-an-email');
    await expect(page.getByLabel('Postal code')).toHaveValue('1701');
    await expect(page.getByLabel('City')).toHaveValue('Quito');
    await expect(page.getByLabel('Apartment, floor, reference (optional)')).toHaveValue('Casa azul');
  });
  await test.step('No order was placed: the stock is unchanged', async () => {
    expect((await catalogApi.product(product.slug)).stock).toBe(product.stock);
  });
});
