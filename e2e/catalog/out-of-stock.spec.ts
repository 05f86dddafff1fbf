import { expect, test } from '../fixtures.js';

test('an out-of-stock product offers no way to buy it', { tag: ['@catalog', '@desktop'] }, async ({ page, productPage, catalogApi }) => {
  const product = await catalogApi.outOfStock();

  await test.step('Open a product that is out of stock', async () => {
    await productPage.goto(product.slug);
    await expect(productPage.heading).toHaveText(product.name);
  });
  await test.step('See the price and that it cannot be ordered, without a buy button', async () => {
    await expect(productPage.buyBox).toContainText('Out of stock. This product cannot be ordered at the moment.');
    await expect(productPage.price).toBeVisible();
    await expect(productPage.addToCartButton).toHaveCount(0);
    await expect(productPage.quantity).toHaveCount(0);
    const [jsonLd] = (await productPage.structuredData()).filter((block) => block['@type'] === 'Product');
    expect(jsonLd).toMatchObject({ offers: { availability: 'https://schema.org/OutOfStock' } });
  });
  // A crafted form post (an old tab, a bookmark) is refused too, and the cart stays empty.
  await test.step('Post the add-to-cart form anyway, from an old tab', async () => {
    const response = await page.request.post('/cart/items', { form: { productId: String(product.id), quantity: '1' } });
    expect(response.url()).toMatch(/\/cart\?notice=out_of_stock$/);
    await page.goto(response.url());
  });
  await test.step('Read that the product is out of stock and the cart is still empty', async () => {
    await expect(page.getByRole('alert')).toHaveText('Sorry, that product is out of stock, so your cart was not changed.');
    await expect(page.getByText('Your cart is empty.')).toBeVisible();
  });
});
