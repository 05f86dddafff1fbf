import { expect, test, uniqueTag } from '../fixtures.js';

// The admin works on a product of its own, so no other test sees its stock or price move.
test('stock and price changed in the admin show in the shop', { tag: '@admin' }, async ({ admin, productPage, page }) => {
  const tag = uniqueTag();
  const product = {
    sku: `E2E-LAP-${tag}`,
    slug: `e2e-test-laptop-${tag.toLowerCase()}`,
    name: `E2E Test Laptop ${tag}`,
    vendor: 'Lenovo',
    category: 'Laptops',
    priceDollars: '999.00',
    stock: 40,
    specs: 'cpu: Test CPU 8 cores\nram_gb: 16',
  };
  await test.step('Create a laptop at $999.00 with 40 in stock', async () => {
    await admin.createProduct(product);
  });
  await test.step('The shop shows it in stock at $999.00 with its processor', async () => {
    await productPage.goto(product.slug);
    await expect(productPage.heading).toHaveText(product.name);
    await expect(productPage.price).toHaveText('$999.00');
    await expect(productPage.buyBox).toContainText('In stock');
    await expect(productPage.specs.getByRole('row', { name: /^Processor / })).toContainText('Test CPU 8 cores');
  });
  await test.step('Set the stock to 3 and the price to $849.50', async () => {
    await admin.changeStock(product.sku, product.name, '3');
    await admin.changePrice(product.sku, product.name, '849.50');
  });
  await test.step('The shop shows $849.50 and “Only 3 left”', async () => {
    await productPage.goto(product.slug);
    await expect(productPage.price).toHaveText('$849.50');
    await expect(productPage.buyBox).toContainText('Only 3 left');
    await expect(productPage.quantity).toHaveAttribute('max', '3');
    const [jsonLd] = (await productPage.structuredData()).filter((block) => block['@type'] === 'Product');
    expect(jsonLd).toMatchObject({ offers: { price: '849.50' } });
  });
  await test.step('Take the last 3 out of stock', async () => {
    await admin.changeStock(product.sku, product.name, '-3');
  });
  await test.step('The shop shows it out of stock, with no buy button', async () => {
    await productPage.goto(product.slug);
    await expect(productPage.buyBox).toContainText('Out of stock');
    await expect(productPage.addToCartButton).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(product.name);
  });
});
