import { expect, test, type ApiProduct } from '../fixtures.js';

let product: ApiProduct;

test.beforeEach(async ({ catalogApi, productPage, cart }) => {
  product = await catalogApi.inStock('peripherals');
  await test.step(`Put 2 × ${product.name} in the cart`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(2);
    await expect(cart.status).toHaveText('The product was added to your cart.');
  });
});

/** Half-up rounding to the cent, as the shop rounds a percentage discount. */
function percentOff(subtotalCents: number, percent: number): number {
  return Math.floor((subtotalCents * percent + 50) / 100);
}

test('WELCOME10 takes ten percent off the cart', { tag: '@cart' }, async ({ cart }) => {
  const subtotalCents = 2 * product.priceCents;
  await test.step('Apply the voucher WELCOME10', async () => {
    await cart.applyVoucher('WELCOME10');
    await expect(cart.status).toHaveText('The voucher was applied.');
    await expect(cart.page.getByRole('region', { name: 'Voucher' })).toContainText('Applied voucher: WELCOME10');
  });
  await test.step('See ten percent off the total', async () => {
    await cart.expectTotals({ subtotalCents, discountCents: percentOff(subtotalCents, 10), voucher: 'WELCOME10' });
  });
  await test.step('Remove the voucher and see the full price again', async () => {
    await cart.page.getByRole('button', { name: 'Remove voucher' }).click();
    await expect(cart.status).toHaveText('The voucher was removed.');
    await cart.expectTotals({ subtotalCents });
  });
});

test('an expired voucher is refused with the reason', { tag: ['@cart', '@desktop'] }, async ({ cart }) => {
  await test.step('Try the expired voucher EXPIRED5', async () => {
    await cart.applyVoucher('EXPIRED5');
  });
  await test.step('Read that the voucher has expired, with the code kept and no discount', async () => {
    await expect(cart.voucherCode).toHaveAttribute('aria-invalid', 'true');
    await expect(cart.voucherCode).toHaveAccessibleDescription('This voucher has expired.');
    await expect(cart.voucherCode).toHaveValue('EXPIRED5');
    await cart.expectTotals({ subtotalCents: 2 * product.priceCents });
  });
});

test('an unknown voucher code is refused with the reason', { tag: ['@cart', '@desktop'] }, async ({ cart }) => {
  await test.step('Try a code that does not exist', async () => {
    await cart.applyVoucher('NO-SUCH-CODE');
  });
  await test.step('Read that there is no such voucher, and no discount', async () => {
    await expect(cart.voucherCode).toHaveAttribute('aria-invalid', 'true');
    await expect(cart.voucherCode).toHaveAccessibleDescription('There is no voucher with this code.');
    await cart.expectTotals({ subtotalCents: 2 * product.priceCents });
  });
});
