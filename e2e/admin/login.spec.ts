import { adminPassword, expect, test } from '../fixtures.js';
import { AdminPages } from '../pages/admin.js';

test('the admin area sends a visitor to the login page', { tag: '@admin' }, async ({ page, adminLogin }) => {
  await test.step('Open the admin products page without logging in', async () => {
    await page.goto('/admin/products');
  });
  await test.step('Land on the login page, which remembers the page asked for', async () => {
    await expect(page).toHaveURL(/\/admin\/login\?next=%2Fadmin%2Fproducts$/);
    await expect(adminLogin.heading).toBeVisible();
  });
});

test('a wrong password is refused with a message', { tag: '@admin' }, async ({ page, adminLogin }) => {
  await test.step('Log in with a wrong password', async () => {
    await adminLogin.goto();
    await adminLogin.login('not-the-password');
  });
  await test.step('Read “Wrong password.” at the field, still on the login page', async () => {
    await expect(adminLogin.error).toHaveText('Wrong password.');
    await expect(adminLogin.password).toHaveAttribute('aria-invalid', 'true');
    await expect(adminLogin.password).toHaveAccessibleDescription('Wrong password.');
    await expect(adminLogin.heading).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Admin' })).toHaveCount(0);
  });
});

test('the admin logs in, reaches the page asked for, and logs out', { tag: ['@writes', '@admin'] }, async ({ page, adminLogin }) => {
  const admin = new AdminPages(page);
  await test.step('Open the vouchers page and log in', async () => {
    await page.goto('/admin/vouchers');
    await adminLogin.login(adminPassword());
  });
  await test.step('Arrive at the vouchers page', async () => {
    await expect(page).toHaveURL(/\/admin\/vouchers$/);
    await expect(admin.heading).toHaveText('Vouchers');
    await expect(page.getByRole('row', { name: /WELCOME10/ })).toBeVisible();
  });
  await test.step('Log out and find the admin area closed', async () => {
    await admin.logout();
    await expect(page.getByRole('status')).toHaveText('You are logged out.');
    await page.goto('/admin');
    await expect(adminLogin.heading).toBeVisible();
  });
});
