import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyOne, count, newTally, type BuyerOptions } from '../support/retrying-buyer.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// PostgreSQL crashes (pg_ctl stop -m immediate: every session cut, no goodbye) and comes back
// while concurrent checkouts run. The shop must stay up, answer 503 + Retry-After while the
// database is away, serve within 5 s of its return, and every Idempotency-Key must end up with
// exactly one order: none lost, none doubled, stock taken exactly once per order.

const workers = 8;
const loadBeforeCrashMs = 1_000;
const outageMs = 2_000;
const loadAfterRestartMs = 2_000;

let env: ShopOnPostgres;
beforeAll(async () => {
  env = await startShopOnPostgres();
}, 60_000);
afterAll(async () => {
  await env.close();
});

describe('a PostgreSQL restart under checkout load', () => {
  it('keeps the process up, answers 503 while away, recovers within 5 s, and loses or doubles no order', async () => {
    const tally = newTally();
    const started = performance.now();
    const options: BuyerOptions = { baseUrl: env.url, tally, deadline: started + 40_000, serverAlive: () => env.alive() };
    const keys: string[] = [];
    let loadUntil = Number.POSITIVE_INFINITY;

    const worker = async (n: number): Promise<void> => {
      for (let i = 0; performance.now() < loadUntil; i += 1) {
        const key = `restart-${n}-${i}`;
        keys.push(key);
        await buyOne(options, env.sku, key);
      }
    };
    const load = Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
    load.catch(() => undefined);

    await new Promise((resolve) => setTimeout(resolve, loadBeforeCrashMs));
    const crashedAt = performance.now();
    await env.cluster.crash();
    // While the database is away, a page is a 503 HTML page that says to retry, not a 500.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const page = await fetch(`${env.url}/`).then(
      async (response) => ({ status: response.status, type: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), text: await response.text() }),
      () => ({ status: 'no answer', type: null, retryAfter: null, text: '' }),
    );
    await new Promise((resolve) => setTimeout(resolve, outageMs - 300));
    await env.cluster.restart();
    const restartedAt = performance.now();
    loadUntil = restartedAt + loadAfterRestartMs;
    await load.catch((error: unknown) => {
      throw new Error(`the checkouts failed: ${error instanceof Error ? error.message : String(error)}; the shop's stderr ends with:\n${env.shop.stderr().slice(-1500)}`);
    });

    const firstSuccessAfterRestart = tally.successesAt.filter((at) => at >= restartedAt).sort((a, b) => a - b)[0];
    const recoveryMs = firstSuccessAfterRestart === undefined ? Number.NaN : firstSuccessAfterRestart - restartedAt;
    const { rows: perKey } = await env.db.query<{ key: string; orders: number }>(
      'SELECT idempotency_key AS key, count(*)::int AS orders FROM orders GROUP BY idempotency_key',
    );
    const { rows: stock } = await env.db.query<{ stock: number; sold: number }>(
      'SELECT p.stock, (SELECT coalesce(sum(quantity), 0)::int FROM order_items WHERE product_id = p.id) AS sold FROM products p WHERE p.id = $1',
      [env.productId],
    );
    const ordersInDatabase = perKey.reduce((sum, row) => sum + row.orders, 0);

    console.log(`restart: checkouts attempted (idempotency keys): ${keys.length}`);
    console.log(`restart: orders in the database: ${ordersInDatabase} (keys with more than one order: ${perKey.filter((row) => row.orders > 1).length})`);
    console.log(`restart: answers 2xx: ${count(tally, (s) => s < 300)}; checkouts answered as replays of an earlier attempt: ${tally.replays}`);
    console.log(`restart: failed requests: ${count(tally, (s) => s === 503)} x 503, ${tally.connectionErrors} without an answer, ${count(tally, (s) => s >= 500 && s !== 503)} x other 5xx`);
    console.log(`restart: 503 without Retry-After: ${tally.unavailableWithoutRetryAfter}`);
    console.log(`restart: database away for ${Math.round(restartedAt - crashedAt)} ms; first success ${Math.round(recoveryMs)} ms after it was back`);
    console.log(`restart: stock taken ${env.initialStock - (stock[0]?.stock ?? 0)}, units in order lines ${stock[0]?.sold ?? 0}`);

    expect(env.alive(), env.shop.stderr().slice(-2000)).toBe(true);
    expect(env.shop.stderr()).not.toContain("Unhandled 'error' event");
    expect(count(tally, (s) => s >= 500 && s !== 503)).toBe(0);
    expect(count(tally, (s) => s === 503)).toBeGreaterThan(0);
    expect(tally.unavailableWithoutRetryAfter).toBe(0);
    expect(page.status).toBe(503);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.retryAfter).toBe('1');
    expect(page.text).not.toMatch(/\bat .*\.js:\d+/);
    expect(recoveryMs).toBeLessThan(5_000);
    expect(new Set(perKey.map((row) => row.key))).toEqual(new Set(keys));
    expect(perKey.every((row) => row.orders === 1)).toBe(true);
    expect(env.initialStock - (stock[0]?.stock ?? 0)).toBe(stock[0]?.sold);
    expect(stock[0]?.sold).toBe(keys.length);
  });
});
