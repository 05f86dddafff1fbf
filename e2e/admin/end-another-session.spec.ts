import { adminPassword, expect, test, uniqueTag } from '../fixtures.js';
import { AdminLoginPage } from '../pages/admin.js';

// The admin ends a session left open on another device, which is logged out at once. Only
// that one session is ended: other journeys running alongside keep theirs.
test('the admin ends a session open on another device', { tag: '@admin' }, async ({ admin, page, browser, baseURL }) => {
  const device = `E2E other device ${uniqueTag()}`;
  const other = await browser.newContext({ baseURL, userAgent: device });
  const otherPage = await other.newPage();
  const otherLogin = new AdminLoginPage(otherPage);

  await test.step('Log in on another device', async () => {
    await otherLogin.goto();
    await otherLogin.login(adminPassword());
    await expect(otherPage.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
  });
  await test.step('Open the sessions page, which marks this session', async () => {
    await admin.nav.getByRole('link', { name: 'Sessions' }).click();
    await expect(admin.heading).toHaveText('Sessions');
    await expect(page.getByRole('row').filter({ hasText: '(this session)' })).toHaveCount(1);
  });
  await test.step('End the other device’s session', async () => {
    await page.getByRole('row').filter({ hasText: device }).getByRole('button', { name: /^End session/ }).click();
    await expect(admin.notice).toHaveText('Session ended.');
    await expect(page.getByRole('row').filter({ hasText: device })).toHaveCount(0);
  });
  await test.step('The other device is back at the login page', async () => {
    await otherPage.goto('/admin');
    await expect(otherLogin.heading).toBeVisible();
  });
  await other.close();
});
