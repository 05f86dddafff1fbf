import { expect, test } from '../fixtures.js';
import { formatUsd, parseUsd } from '../pages/storefront.js';

test('a product page shows price, specs and structured data for search engines', { tag: '@smoke' }, async ({ page, catalog, productPage }) => {
  await catalog.goto('?inStock=true&sort=name');
  const link = catalog.productLinks.first();
  const name = (await link.textContent())?.trim() ?? '';
  await link.click();

  await expect(productPage.heading).toHaveText(name);
  await expect(page).toHaveTitle(`${name} | Bitshop`);
  await expect(productPage.price).toHaveText(/^\$[\d,]+\.\d\d$/);
  await expect(productPage.specs.getByRole('row').first()).toBeVisible();
  await expect(productPage.addToCartButton).toBeEnabled();

  const [product] = (await productPage.structuredData()).filter((block) => block['@type'] === 'Product');
  expect(product).toMatchObject({ '@context': 'https://schema.org', name, offers: { '@type': 'Offer', priceCurrency: 'USD', availability: 'https://schema.org/InStock' } });
  const offers = product?.offers as { price: string };
  expect(parseUsd(await productPage.price.innerText())).toBe(Math.round(Number(offers.price) * 100));
});

test('a laptop page lists the specs the catalog holds for it', async ({ productPage, catalogApi }) => {
  const laptop = await catalogApi.inStock('laptops', { minStock: 1 });
  await productPage.goto(laptop.slug);

  await expect(productPage.heading).toHaveText(laptop.name);
  await expect(productPage.price).toHaveText(formatUsd(laptop.priceCents));
  await expect(productPage.page.getByText(`SKU ${laptop.sku}`)).toBeVisible();
  await expect(productPage.specs.getByRole('row', { name: /^Processor / })).toContainText(String(laptop.specs.cpu));
  await expect(productPage.specs.getByRole('row')).toHaveCount(Object.keys(laptop.specs).length);
  const breadcrumb = productPage.page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: laptop.category.name })).toHaveAttribute('href', `/categories/${laptop.category.slug}`);
});
