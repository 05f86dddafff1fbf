import { customer, expect, test } from '../fixtures.js';

// Every page is rendered on the server and every action is a plain form, so a browser with
// JavaScript off (or a script that failed to load) can still buy.
test.use({ javaScriptEnabled: false });

// One browser engine's form handling is enough to prove it: desktop only.
test('a customer without JavaScript searches, buys with a voucher and gets a confirmation', { tag: ['@checkout', '@desktop'] }, async ({ page, header, catalog, productPage, cart, checkout, confirmation, catalogApi }) => {
  const product = await catalogApi.inStock('processors');

  await test.step(`Search for ${product.name} and open it`, async () => {
    await page.goto('/');
    await header.search(product.name);
    await catalog.results.getByRole('link', { name: product.name, exact: true }).first().click();
    await expect(productPage.heading).toHaveText(product.name);
  });
  await test.step('Add it to the cart and change the quantity to 2', async () => {
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await cart.setQuantity(product.name, 2);
    await expect(cart.status).toHaveText('The quantity was updated.');
  });
  await test.step('Apply the voucher WELCOME10 and see ten percent off', async () => {
    await cart.applyVoucher('WELCOME10');
    await expect(cart.status).toHaveText('The voucher was applied.');
    const subtotalCents = 2 * product.priceCents;
    const discountCents = Math.floor((subtotalCents * 10 + 50) / 100);
    await cart.expectTotals({ subtotalCents, discountCents, voucher: 'WELCOME10' });
  });
  await test.step('Check out and see the confirmation with the discount', async () => {
    await cart.checkoutLink.click();
    await checkout.placeOrder(customer);
    await expect(confirmation.heading).toBeVisible();
    expect(Number(await confirmation.orderNumber())).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText('Discount (WELCOME10)');
  });
  await test.step('The order took its 2 units out of stock', async () => {
    expect((await catalogApi.product(product.slug)).stock).toBe(product.stock - 2);
  });
});
