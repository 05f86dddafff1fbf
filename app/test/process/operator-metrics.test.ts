import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartWithOne, checkOut, newTally, type BuyerOptions } from '../support/retrying-buyer.js';
import { freePort } from '../../src/harness/index.js';
import { sampleValue, scrape } from '../support/prometheus-text.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// What an operator reads off /metrics when the shop is slow: the pool (is it exhausted, are
// requests queuing for a connection), query time per operation, and the event loop's delay.
// The real process on a real PostgreSQL server, whose processes are stopped to fill the pool.

const poolMax = 2;
let env: ShopOnPostgres;
let metricsUrl: string;
let buyer: BuyerOptions;

beforeAll(async () => {
  const metricsPort = await freePort();
  metricsUrl = `http://127.0.0.1:${String(metricsPort)}/metrics`;
  env = await startShopOnPostgres({ env: { METRICS_PORT: String(metricsPort), DATABASE_POOL_MAX: String(poolMax), DATABASE_CONNECT_TIMEOUT_MS: '5000' } });
  buyer = { baseUrl: env.url, tally: newTally(), deadline: performance.now() + 40_000, serverAlive: () => env.alive() };
}, 60_000);
afterAll(async () => {
  await env.close();
});

describe('operator metrics', () => {
  it('time each query by a stable operation name and report the event-loop delay', async () => {
    await checkOut(buyer, await cartWithOne(buyer, env.sku), 'metrics-order');
    // The checkout's stock change makes the catalog snapshot read the product again, briefly
    // borrowing a connection: wait for the pool to be at rest before reading it.
    let samples = await scrape(metricsUrl);
    const until = performance.now() + 3_000;
    while (sampleValue(samples, 'storefront_db_pool_connections_in_use') !== 0 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      samples = await scrape(metricsUrl);
    }

    const operations = new Set(samples.filter((s) => s.name === 'storefront_db_query_duration_seconds_count').map((s) => s.labels.operation));
    console.log(`operator metrics: query operations after one checkout: ${[...operations].sort().join(', ')}`);
    expect(sampleValue(samples, 'storefront_db_query_duration_seconds_count', { operation: 'insert orders', outcome: 'ok' })).toBe(1);
    expect(sampleValue(samples, 'storefront_db_query_duration_seconds_sum', { operation: 'insert orders', outcome: 'ok' })).toBeGreaterThan(0);
    // Labels are names, never statement text: bounded, and free of literals.
    for (const operation of operations) {
      expect(operation).toMatch(/^[a-z_ ]+$/);
      expect(operation?.split(' ').length).toBeLessThanOrEqual(2);
    }

    expect(sampleValue(samples, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'storefront_db_pool_max_connections')).toBe(poolMax);
    expect(sampleValue(samples, 'storefront_db_pool_connections_in_use')).toBe(0);
    expect(sampleValue(samples, 'storefront_db_pool_connections_idle')).toBeGreaterThanOrEqual(1);
    expect(sampleValue(samples, 'storefront_db_pool_waiting_requests')).toBe(0);
  });

  it('show the pool exhausted, with requests waiting, while the database hangs', async () => {
    await env.cluster.freeze();
    // Creating a cart always writes to the database (catalog reads may come from the in-memory
    // snapshot and never touch the pool).
    const stuck = [1, 2, 3, 4].map(() => fetch(`${env.url}/api/v1/carts`, { method: 'POST', signal: AbortSignal.timeout(15_000) }).then((r) => r.status, () => 0));
    let samples = await scrape(metricsUrl);
    const until = performance.now() + 5_000;
    while (sampleValue(samples, 'storefront_db_pool_waiting_requests') < 2 && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      samples = await scrape(metricsUrl);
    }
    env.cluster.thaw();
    await Promise.all(stuck);
    console.log(`operator metrics: database stopped: in use ${String(sampleValue(samples, 'storefront_db_pool_connections_in_use'))}, idle ${String(sampleValue(samples, 'storefront_db_pool_connections_idle'))}, waiting ${String(sampleValue(samples, 'storefront_db_pool_waiting_requests'))}`);
    expect(sampleValue(samples, 'storefront_db_pool_connections_in_use')).toBe(poolMax);
    expect(sampleValue(samples, 'storefront_db_pool_connections_idle')).toBe(0);
    expect(sampleValue(samples, 'storefront_db_pool_waiting_requests')).toBe(2);
  });
});
