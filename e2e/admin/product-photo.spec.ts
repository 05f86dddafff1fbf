import { fileURLToPath } from 'node:url';
import { expect, test, uniqueTag } from '../fixtures.js';

const photo = fileURLToPath(new URL('../support/product-photo.png', import.meta.url));

// The admin gives a product of its own a photo, so no other test sees its pictures change.
test('a photo uploaded in the admin replaces the drawing in the shop', { tag: ['@admin', '@writes'] }, async ({ admin, productPage, page, accessibility }) => {
  const tag = uniqueTag();
  const product = {
    sku: `E2E-PIC-${tag}`,
    slug: `e2e-photo-laptop-${tag.toLowerCase()}`,
    name: `E2E Photo Laptop ${tag}`,
    vendor: 'Lenovo',
    category: 'Laptops',
    priceDollars: '1099.00',
    stock: 12,
    specs: 'cpu: Test CPU 8 cores',
  };
  const shopPhoto = page.getByRole('img', { name: `Photo of the ${product.name}` });

  await test.step('Create a laptop, which the shop shows with its drawn illustration', async () => {
    await admin.createProduct(product);
    await productPage.goto(product.slug);
    await expect(page.getByRole('img', { name: `Illustration of the ${product.name}` })).toBeVisible();
  });
  await test.step('Open its edit page and upload a PNG photo', async () => {
    await admin.findProduct(product.sku);
    await page.getByRole('link', { name: product.name, exact: true }).click();
    await page.getByLabel('Add an image').setInputFiles(photo);
    await page.getByRole('button', { name: 'Upload image' }).click();
    await expect(admin.notice).toHaveText('Image added.');
    await expect(page.getByRole('img', { name: 'Image 1 of 1' })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('PNG, 640 × 480 pixels');
  });
  expect(await accessibility.seriousViolations('admin product page with a photo')).toEqual([]);

  await test.step('The product page shows the photo, loaded from the shop itself', async () => {
    await productPage.goto(product.slug);
    await expect(shopPhoto).toBeVisible();
    await expect(shopPhoto).toHaveAttribute('srcset', /\/product-images\/[0-9a-f]{64}\.webp 320w, \/product-images\/[0-9a-f]{64}\.webp 640w$/);
    // Decoded with a width: the rendition loaded (the CSP's img-src 'self' let it through).
    await expect(shopPhoto).toHaveJSProperty('complete', true);
    const loaded = () => shopPhoto.evaluate((image) => {
      const { naturalWidth, currentSrc } = image as unknown as { naturalWidth: number; currentSrc: string };
      return naturalWidth > 0 ? currentSrc : '';
    });
    await expect.poll(loaded).toMatch(/\/product-images\/[0-9a-f]{64}\.webp$/);
    await expect(page.getByRole('img', { name: `Illustration of the ${product.name}` })).toHaveCount(0);
  });
  await test.step('Delete the photo, and the shop draws the laptop again', async () => {
    await admin.findProduct(product.sku);
    await page.getByRole('link', { name: product.name, exact: true }).click();
    await page.getByRole('button', { name: 'Delete image 1' }).click();
    await expect(admin.notice).toHaveText('Image deleted.');
    await productPage.goto(product.slug);
    await expect(page.getByRole('img', { name: `Illustration of the ${product.name}` })).toBeVisible();
  });
});

test('the admin dashboard lists recent orders and low stock and has no serious accessibility violations', { tag: ['@admin', '@accessibility'] }, async ({ admin, page, accessibility }) => {
  await test.step('Open the dashboard: the admin’s own header, without the shop’s search or cart', async () => {
    await page.goto('/admin');
    await expect(admin.heading).toHaveText('Dashboard');
    await expect(page.getByRole('heading', { name: 'Recent orders' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Low stock' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Cart' })).toHaveCount(0);
    await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveCount(0);
  });
  expect(await accessibility.seriousViolations('admin dashboard')).toEqual([]);
});
