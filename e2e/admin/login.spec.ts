import { adminPassword, expect, test } from '../fixtures.js';
import { AdminPages } from '../pages/admin.js';

test('the admin area sends a visitor to the login page', async ({ page, adminLogin }) => {
  await page.goto('/admin/products');
  await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fproducts$/);
  await expect(adminLogin.heading).toBeVisible();
});

test('a wrong password is refused with a message', async ({ page, adminLogin }) => {
  await adminLogin.goto();
  await adminLogin.login('not-the-password');
  await expect(adminLogin.error).toHaveText('Wrong password.');
  await expect(adminLogin.password).toHaveAttribute('aria-invalid', 'true');
  await expect(adminLogin.password).toHaveAccessibleDescription('Wrong password.');
  await expect(adminLogin.heading).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
});

test('the admin logs in, reaches the page asked for, and logs out', { tag: '@writes' }, async ({ page, adminLogin }) => {
  await page.goto('/admin/vouchers');
  await adminLogin.login(adminPassword());
  const admin = new AdminPages(page);
  await expect(page).toHaveURL(/\/admin\/vouchers$/);
  await expect(admin.heading).toHaveText('Vouchers');
  await expect(page.getByRole('row', { name: /WELCOME10/ })).toBeVisible();

  await admin.logout();
  await expect(page.getByRole('status')).toHaveText('You are logged out.');
  await page.goto('/admin');
  await expect(adminLogin.heading).toBeVisible();
});
