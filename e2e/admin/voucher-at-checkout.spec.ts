import { customer, expect, test, uniqueTag } from '../fixtures.js';
import { CartPage, CheckoutPage, OrderConfirmationPage, ProductPage } from '../pages/storefront.js';

test('a voucher the admin creates takes its discount at checkout', async ({ browser, admin, catalogApi }) => {
  const code = `E2E${uniqueTag()}`;
  await admin.createVoucher({ code, description: 'End-to-end test voucher', kind: 'Percent off', amount: '15' });
  await expect(admin.page.getByRole('row').filter({ hasText: code })).toContainText('15%');

  // The customer shops in a browser context of their own, without the admin's session.
  const context = await browser.newContext();
  const page = await context.newPage();
  const productPage = new ProductPage(page);
  const cart = new CartPage(page);
  const product = await catalogApi.inStock('desktops');

  await productPage.goto(product.slug);
  await productPage.addToCart(1);
  await expect(cart.status).toHaveText('The product was added to your cart.');
  await cart.applyVoucher(code);
  await expect(cart.status).toHaveText('The voucher was applied.');
  const discountCents = Math.floor((product.priceCents * 15 + 50) / 100);
  await cart.expectTotals({ subtotalCents: product.priceCents, discountCents, voucher: code });

  await cart.checkoutLink.click();
  await new CheckoutPage(page).placeOrder(customer);
  const confirmation = new OrderConfirmationPage(page);
  await expect(confirmation.heading).toBeVisible();
  await expect(page.getByRole('region', { name: 'What you ordered' })).toContainText(`Discount (${code})`);
  await context.close();

  await admin.page.goto('/admin/vouchers');
  await expect(admin.page.getByRole('row').filter({ hasText: code })).toContainText('Active');
  await expect(admin.page.getByRole('row').filter({ hasText: code }).getByRole('cell').nth(4)).toHaveText('1');
});
