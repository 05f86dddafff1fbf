import { expect, test } from '../fixtures.js';

// The admin changes only express's free-shipping threshold, to an amount no other journey's
// cart reaches, and puts it back: prices and estimates the checkout journeys read stay as seeded.
test('the admin edits a shipping method: a bad amount is refused with the input kept, a good one shows at checkout', { tag: '@admin' }, async ({ admin, page, productPage, catalogApi }) => {
  await expect(admin.heading).toHaveText('Dashboard');
  const form = {
    price: page.getByLabel('Price (USD, VAT included)'),
    freeAbove: page.getByLabel('Free on goods from (USD)'),
    save: page.getByRole('button', { name: 'Save shipping method' }),
  };
  await test.step('Open Shipping in the admin and choose Express', async () => {
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Shipping' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Shipping methods');
    await page.getByRole('link', { name: 'Express' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Edit shipping method Express');
    await expect(form.price).toHaveValue('14.90');
  });
  await test.step('Type a price with a comma and a free-shipping amount of “lots”: both are named, nothing is saved, the input stays', async () => {
    await form.price.fill('14,90');
    await form.freeAbove.fill('lots');
    await form.save.click();
    await expect(page.getByRole('alert')).toHaveText('2 fields need attention. Nothing was saved.');
    await expect(form.price).toHaveAccessibleDescription('Dollars with at most two decimals, e.g. 6.90; 0 ships free enter dollars with at most two decimals, e.g. 19.99');
    await expect(form.price).toHaveValue('14,90');
    await expect(form.freeAbove).toHaveValue('lots');
    await expect(form.freeAbove).toHaveAttribute('aria-invalid', 'true');
  });
  await test.step('Make express free from $99,999.00 and save', async () => {
    await form.price.fill('14.90');
    await form.freeAbove.fill('99999.00');
    await form.save.click();
    await expect(page.getByRole('status')).toHaveText('Shipping method saved.');
    await expect(page.getByRole('row').filter({ hasText: 'Express' })).toContainText('$99,999.00');
  });
  try {
    await test.step('A shopper sees the new threshold beside Express at checkout', async () => {
      const product = await catalogApi.inStock('peripherals');
      await productPage.goto(product.slug);
      await productPage.addToCart(1);
      await page.goto('/checkout');
      await expect(page.getByRole('group', { name: 'Shipping method' })).toContainText('(free on goods from $99,999.00)');
    });
  } finally {
    await test.step('Put express back to never free', async () => {
      await page.goto('/admin/shipping');
      await page.getByRole('link', { name: 'Express' }).click();
      await form.freeAbove.fill('');
      await form.save.click();
      await expect(page.getByRole('row').filter({ hasText: 'Express' })).toContainText('never');
    });
  }
});
