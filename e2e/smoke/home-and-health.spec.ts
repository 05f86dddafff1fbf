import { expect, test } from '../fixtures.js';

// Read-only checks that hold for any deployment, whatever its catalog holds.

test('the home page shows the shop with its categories and newest products', { tag: ['@smoke', '@catalog'] }, async ({ page, header }) => {
  await test.step('Open the home page', async () => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveTitle(/\| Bitshop$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
  await test.step('See the categories to shop by and the newest products', async () => {
    await expect(page.getByRole('heading', { name: 'Shop by category' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Shop by category' }).getByRole('link').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'New in the shop' }).getByRole('link').first()).toBeVisible();
  });
  await test.step('See the search box and the cart in the header', async () => {
    await expect(header.searchBox).toBeVisible();
    await expect(header.cartLink).toBeVisible();
  });
});

// The catalog as the API serves it, and the probes: no screen, so desktop only.
test('the API and the health probes answer', { tag: ['@smoke', '@catalog', '@desktop'] }, async ({ request }) => {
  await test.step('The liveness and readiness probes say ok', async () => {
    const live = await request.get('/healthz');
    expect(live.status()).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });

    const ready = await request.get('/readyz');
    expect(ready.status()).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });
  await test.step('The products API lists the catalog', async () => {
    const products = await request.get('/api/v1/products', { params: { pageSize: '1' } });
    expect(products.status()).toBe(200);
    const body = (await products.json()) as { items: { slug: string }[]; total: number };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items).toHaveLength(1);
  });
  await test.step('The OpenAPI document is served', async () => {
    const openapi = await request.get('/api/openapi.json');
    expect(openapi.status()).toBe(200);
    expect(((await openapi.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
  });
});
