import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appVersion } from '../../../src/observability/build-info.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCategory, insertProduct, insertVendor } from '../../support/fixtures.js';
import { parseExposition, sampleValue, type Sample } from '../../support/prometheus-text.js';

// What the rendered-response cache reports on /metrics: a hit, a miss and a bypass counted
// where each happens, and what the cache holds.

async function samplesOf(t: TestApp): Promise<Sample[]> {
  return parseExposition(await t.app.metrics.registry.metrics());
}

const cacheRequests = (samples: Sample[], result: string) => sampleValue(samples, 'storefront_response_cache_requests_total', { result });

describe('response cache metrics with the in-memory catalog', () => {
  let t: TestApp;
  let productSlug: string;
  beforeAll(async () => {
    t = await createTestApp({ CATALOG_SNAPSHOT: 'true' });
    const vendor = await insertVendor(t.db, { slug: 'cache-metrics-vendor' });
    const category = await insertCategory(t.db, { slug: 'cache-metrics-category' });
    productSlug = (await insertProduct(t.db, { vendorId: vendor.id, categoryId: category.id })).slug;
    const sync = t.app.catalogSync;
    if (sync) while (!sync.settled || sync.current?.product(productSlug) === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts a first render as a miss, the same URL again as a hit, and a cart visitor as a bypass', async () => {
    const before = await samplesOf(t);
    expect(cacheRequests(before, 'hit')).toBe(0);
    expect(sampleValue(before, 'storefront_response_cache_entries')).toBe(0);

    const url = `/products/${productSlug}`;
    expect((await t.app.inject({ url })).statusCode).toBe(200);
    expect((await t.app.inject({ url })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/vendors' })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: { cookie: 'cart=someone' } })).statusCode).toBe(200);

    const after = await samplesOf(t);
    expect(cacheRequests(after, 'miss') - cacheRequests(before, 'miss')).toBe(2);
    expect(cacheRequests(after, 'hit') - cacheRequests(before, 'hit')).toBe(1);
    expect(cacheRequests(after, 'bypass') - cacheRequests(before, 'bypass')).toBe(1);
    expect(sampleValue(after, 'storefront_response_cache_entries')).toBe(2);
    const bytes = sampleValue(after, 'storefront_response_cache_bytes');
    expect(bytes).toBe(t.app.catalogSync?.current?.renders.byteSize);
    expect(bytes).toBeGreaterThan((await t.app.inject({ url })).rawPayload.length);
  });

  it('names the release it runs: app version, and unknown revision and digest when the deployment does not say', async () => {
    const samples = (await samplesOf(t)).filter((sample) => sample.name === 'storefront_build_info');
    expect(samples.map((sample) => sample.value)).toEqual([1]);
    expect(samples[0]?.labels).toEqual({ version: appVersion(), revision: 'unknown', digest: 'unknown' });
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('response cache metrics without the in-memory catalog', () => {
  let t: TestApp;
  const revision = 'c0ffee'.padEnd(40, '0');
  const digest = `sha256:${'ab'.repeat(32)}`;
  beforeAll(async () => {
    t = await createTestApp({ CATALOG_SNAPSHOT: 'false', RELEASE_REVISION: revision, RELEASE_DIGEST: digest });
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts every cacheable request as a bypass and holds nothing', async () => {
    expect((await t.app.inject({ url: '/products' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/products' })).statusCode).toBe(200);
    const samples = await samplesOf(t);
    expect(cacheRequests(samples, 'bypass')).toBe(2);
    expect(cacheRequests(samples, 'hit') + cacheRequests(samples, 'miss')).toBe(0);
    expect(sampleValue(samples, 'storefront_response_cache_entries')).toBe(0);
    expect(sampleValue(samples, 'storefront_response_cache_bytes')).toBe(0);
  });

  it('labels the build info with the revision and digest the deployment gives', async () => {
    const build = (await samplesOf(t)).find((sample) => sample.name === 'storefront_build_info');
    expect(build?.labels).toMatchObject({ revision, digest });
  });
});
