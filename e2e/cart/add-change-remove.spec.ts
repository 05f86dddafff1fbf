import { expect, test } from '../fixtures.js';

test('a customer adds two products, changes a quantity and removes both', { tag: '@cart' }, async ({ page, header, productPage, cart, catalogApi }) => {
  const first = await catalogApi.inStock('memory', { index: 0 });
  const second = await catalogApi.inStock('memory', { index: 1 });

  await test.step(`Add 2 × ${first.name} to the cart`, async () => {
    await productPage.goto(first.slug);
    await productPage.addToCart(2);
    await expect(cart.heading).toBeVisible();
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await expect(page.getByLabel(`Quantity of ${first.name}`)).toHaveValue('2');
    await expect(header.cartLink).toHaveAccessibleName('Cart 2 items in cart');
  });
  await test.step(`Add 1 × ${second.name} to the cart`, async () => {
    await productPage.goto(second.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
    await cart.expectTotals({ subtotalCents: 2 * first.priceCents + second.priceCents });
  });
  await test.step(`Change the quantity of ${first.name} to 3`, async () => {
    await cart.setQuantity(first.name, 3);
    await expect(cart.status).toHaveText('The quantity was updated.');
    await expect(page.getByLabel(`Quantity of ${first.name}`)).toHaveValue('3');
    await cart.expectTotals({ subtotalCents: 3 * first.priceCents + second.priceCents });
    await expect(header.cartLink).toHaveAccessibleName('Cart 4 items in cart');
  });
  await test.step(`Remove ${second.name}`, async () => {
    await cart.remove(second.name);
    await expect(cart.status).toHaveText('The product was removed from your cart.');
    await expect(cart.row(second.name)).toHaveCount(0);
    await cart.expectTotals({ subtotalCents: 3 * first.priceCents });
  });
  await test.step(`Set the quantity of ${first.name} to 0, which empties the cart`, async () => {
    await cart.setQuantity(first.name, 0);
    await expect(cart.status).toHaveText('The product was removed from your cart.');
    await expect(page.getByText('Your cart is empty.')).toBeVisible();
    await expect(header.cartLink).toHaveAccessibleName('Cart 0 items in cart');
  });
});

test('asking for more than is in stock lowers the quantity to what there is', { tag: ['@cart', '@desktop'] }, async ({ page, productPage, cart, catalogApi }) => {
  // Fewer than 99 in stock, so one more than the stock is still a quantity the form accepts.
  const product = await catalogApi.inStock('memory', { index: 0, maxStock: 98 });

  await test.step(`Add ${product.name} to the cart`, async () => {
    await productPage.goto(product.slug);
    await productPage.addToCart(1);
    await expect(cart.status).toHaveText('The product was added to your cart.');
  });
  await test.step(`Ask for ${product.stock + 1}, one more than the ${product.stock} in stock`, async () => {
    await cart.setQuantity(product.name, product.stock + 1);
  });
  await test.step(`Read that the quantity was lowered to ${product.stock}`, async () => {
    await expect(cart.status).toHaveText('There is not enough stock for the quantity you asked for, so the quantity was lowered to what is available.');
    await expect(page.getByLabel(`Quantity of ${product.name}`)).toHaveValue(String(product.stock));
    await cart.expectTotals({ subtotalCents: product.stock * product.priceCents });
  });
});
