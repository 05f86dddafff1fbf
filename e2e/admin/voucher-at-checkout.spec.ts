import { customer, expect, test, uniqueTag } from '../fixtures.js';
import { CartPage, CheckoutPage, OrderConfirmationPage, ProductPage } from '../pages/storefront.js';

test('a voucher the admin creates takes its discount at checkout', { tag: ['@admin', '@checkout'] }, async ({ browser, admin, catalogApi }) => {
  const code = `E2E${uniqueTag()}`;
  await test.step(`Create the voucher ${code} for 15 % off`, async () => {
    await admin.createVoucher({ code, description: 'End-to-end test voucher', kind: 'Percent off', amount: '15' });
    await expect(admin.page.getByRole('row').filter({ hasText: code })).toContainText('15%');
  });

  // The customer shops in a browser context of their own, without the admin's session.
  const context = await browser.newContext();
  const page = await context.newPage();
  const productPage = new ProductPage(page);
  const cart = new CartPage(page);
  const product = await catalogApi.inStock('desktops');

  await test.step(`A customer puts ${product.name} in the cart and applies ${code}`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await cart.applyVoucher(code);
    await expect(cart.status).toHaveText('The voucher was applied.');
    const discountCents = Math.floor((product.priceCents * 15 + 50) / 100);
    await cart.expectTotals({ subtotalCents: product.priceCents, discountCents, voucher: code });
  });
  await test.step('The customer checks out and the confirmation shows the discount', async () => {
    await cart.checkoutLink.click();
    await new CheckoutPage(page).placeOrder(customer);
    await expect(new OrderConfirmationPage(page).heading).toBeVisible();
    await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText(`Discount (${code})`);
  });
  await context.close();

  await test.step('The admin sees one redemption of the voucher', async () => {
    await admin.page.goto('/admin/vouchers');
    await expect(admin.page.getByRole('row').filter({ hasText: code })).toContainText('Active');
    await expect(admin.page.getByRole('row').filter({ hasText: code }).getByRole('cell').nth(4)).toHaveText('1');
  });
});
