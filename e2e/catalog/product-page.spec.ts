import { expect, test } from '../fixtures.js';
import { formatUsd, parseUsd } from '../pages/storefront.js';

test('a product page shows price, specs and structured data for search engines', { tag: ['@smoke', '@catalog'] }, async ({ page, catalog, productPage }) => {
  const name = await test.step('Open the first product in stock from the catalog', async () => {
    await catalog.goto('?inStock=true&sort=name');
    const link = catalog.productLinks.first();
    const text = (await link.textContent())?.trim() ?? '';
    await link.click();
    await expect(productPage.heading).toHaveText(text);
    return text;
  });
  await test.step('See its name, price, specifications and an enabled Add to cart button', async () => {
    await expect(page).toHaveTitle(`${name} | Bitshop`);
    await expect(productPage.price).toHaveText(/^\$[\d,]+\.\d\d$/);
    await expect(productPage.specs.getByRole('row').first()).toBeVisible();
    await expect(productPage.addToCartButton).toBeEnabled();
  });
  await test.step('Search engines read the same name, price and availability', async () => {
    const [product] = (await productPage.structuredData()).filter((block) => block['@type'] === 'Product');
    expect(product).toMatchObject({ '@context': 'https://schema.org', name, offers: { '@type': 'Offer', priceCurrency: 'USD', availability: 'https://schema.org/InStock' } });
    const offers = product?.offers as { price: string };
    expect(parseUsd(await productPage.price.innerText())).toBe(Math.round(Number(offers.price) * 100));
  });
});

test('a laptop page lists the specs the catalog holds for it', { tag: ['@catalog', '@desktop'] }, async ({ productPage, catalogApi }) => {
  const laptop = await catalogApi.inStock('laptops', { minStock: 1 });

  await test.step(`Open the ${laptop.name}`, async () => {
    await productPage.goto(laptop.slug);
    await expect(productPage.heading).toHaveText(laptop.name);
  });
  await test.step('See its price, SKU and every specification the catalog holds', async () => {
    await expect(productPage.price).toHaveText(formatUsd(laptop.priceCents));
    await expect(productPage.page.getByText(`SKU ${laptop.sku}`)).toBeVisible();
    await expect(productPage.specs.getByRole('row', { name: /^Processor / })).toContainText(String(laptop.specs.cpu));
    await expect(productPage.specs.getByRole('row')).toHaveCount(Object.keys(laptop.specs).length);
  });
  await test.step('The breadcrumb leads back to the laptops', async () => {
    const breadcrumb = productPage.page.getByRole('navigation', { name: 'Breadcrumb' });
    await expect(breadcrumb.getByRole('link', { name: laptop.category.name })).toHaveAttribute('href', `/categories/${laptop.category.slug}`);
  });
});
