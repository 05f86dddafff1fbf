import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartWithOne, checkOut, count, customer, newTally, type BuyerOptions } from '../support/retrying-buyer.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// A database that hangs instead of failing: every PostgreSQL process stopped with SIGSTOP
// (sockets stay open, nothing answers), and a statement stuck behind a row lock. Requests must
// fail with 503 within the configured timeouts instead of waiting forever, readiness must turn
// 503 in time for the kubelet, and the shop must serve again once the database moves.

const connectTimeoutMs = 1_000;
const statementTimeoutMs = 1_000;
const queryTimeoutMs = 1_500;
// Readiness answers within min(1.5 s, query timeout); requests within the pool wait or the
// query timeout. The slack covers a loaded machine, not a missing timeout.
const readinessBoundMs = 1_500 + 750;
const requestBoundMs = connectTimeoutMs + queryTimeoutMs + 1_000;

interface Answer {
  status: number | 'no answer';
  ms: number;
  retryAfter: string | null;
  type: string | null;
}

async function timed(url: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after'), type: response.headers.get('content-type') };
  } catch {
    return { status: 'no answer', ms: performance.now() - started, retryAfter: null, type: null };
  }
}

function checkoutInit(cartId: string, key: string): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ cartId, ...customer }) };
}

let env: ShopOnPostgres;
let options: BuyerOptions;
beforeAll(async () => {
  env = await startShopOnPostgres({
    env: {
      DATABASE_CONNECT_TIMEOUT_MS: String(connectTimeoutMs),
      DATABASE_STATEMENT_TIMEOUT_MS: String(statementTimeoutMs),
      DATABASE_QUERY_TIMEOUT_MS: String(queryTimeoutMs),
      // The catalog reads below must reach the database: from the in-memory catalog they are
      // (correctly) served during a hang until the listener's heartbeat notices it, which
      // catalog-replicas.test.ts checks.
      CATALOG_SNAPSHOT: 'false',
    },
  });
  options = { baseUrl: env.url, tally: newTally(), deadline: performance.now() + 50_000, serverAlive: () => env.alive() };
}, 60_000);
afterAll(async () => {
  await env.close();
});

async function ordersFor(key: string): Promise<number> {
  const { rows } = await env.db.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE idempotency_key = $1', [key]);
  return rows[0]?.n ?? 0;
}

describe('a database that hangs', () => {
  it('under SIGSTOP: readiness and requests fail with 503 in bounded time, and the shop serves again after SIGCONT', async () => {
    const carts = await Promise.all([1, 2, 3].map(() => cartWithOne(options, env.sku)));
    expect((await timed(`${env.url}/readyz`)).status).toBe(200);

    const frozen = await env.cluster.freeze();
    const [readiness, ...requests] = await Promise.all([
      timed(`${env.url}/readyz`),
      ...carts.map((cartId, n) => timed(`${env.url}/api/v1/orders`, checkoutInit(cartId, `hang-${n}`))),
      timed(`${env.url}/api/v1/products`),
      timed(`${env.url}/`),
    ]);
    const thawedAt = performance.now();
    env.cluster.thaw();
    const readyAgainMs = await (async () => {
      for (;;) {
        if ((await timed(`${env.url}/readyz`)).status === 200) return performance.now() - thawedAt;
        if (performance.now() - thawedAt > 15_000) return Number.POSITIVE_INFINITY;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    // The same keys again, as a client that got 503 retries: one order each.
    await Promise.all(carts.map((cartId, n) => checkOut(options, cartId, `hang-${n}`)));
    const servingAgainMs = performance.now() - thawedAt;

    console.log(`hang: stopped ${frozen.length} PostgreSQL processes (postmaster and backends)`);
    console.log(`hang: readiness answered ${String(readiness.status)} after ${Math.round(readiness.ms)} ms (bound ${readinessBoundMs} ms)`);
    console.log(`hang: requests answered ${requests.map((r) => String(r.status)).join(', ')} after ${requests.map((r) => Math.round(r.ms)).join(', ')} ms (bound ${requestBoundMs} ms)`);
    console.log(`hang: after SIGCONT, ready again in ${Math.round(readyAgainMs)} ms, all retried checkouts done in ${Math.round(servingAgainMs)} ms`);
    console.log(`hang: failed requests while retrying: ${count(options.tally, (s) => s >= 500)}; orders per key: ${(await Promise.all(carts.map((_, n) => ordersFor(`hang-${n}`)))).join(', ')}`);

    expect(env.alive()).toBe(true);
    expect(readiness.status).toBe(503);
    expect(readiness.ms).toBeLessThan(readinessBoundMs);
    for (const answer of requests) {
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('1');
      expect(answer.ms).toBeLessThan(requestBoundMs);
    }
    expect(requests.at(-1)?.type).toMatch(/^text\/html/);
    expect(readyAgainMs).toBeLessThan(5_000);
    expect(servingAgainMs).toBeLessThan(5_000 + requestBoundMs);
    expect(count(options.tally, (s) => s >= 500 && s !== 503)).toBe(0);
    for (let n = 0; n < carts.length; n += 1) expect(await ordersFor(`hang-${n}`)).toBe(1);
  });

  it('behind a row lock: the statement timeout fails the checkout with 503, and a retry succeeds once the lock is gone', async () => {
    const cartId = await cartWithOne(options, env.sku);
    let releaseLock = (): void => undefined;
    const lockHeld = new Promise<void>((held) => {
      void env.db.transaction(async (tx) => {
        await tx.query('SELECT id FROM products WHERE id = $1 FOR UPDATE', [env.productId]);
        held();
        await new Promise<void>((resolve) => (releaseLock = resolve));
      });
    });
    await lockHeld;
    const blocked = await timed(`${env.url}/api/v1/orders`, checkoutInit(cartId, 'locked-1'));
    releaseLock();
    const retried = await timed(`${env.url}/api/v1/orders`, checkoutInit(cartId, 'locked-1'));

    console.log(`lock: checkout behind a held row lock answered ${String(blocked.status)} after ${Math.round(blocked.ms)} ms (statement timeout ${statementTimeoutMs} ms)`);
    console.log(`lock: the retry with the same key answered ${String(retried.status)}; orders for the key: ${await ordersFor('locked-1')}`);

    expect(blocked.status).toBe(503);
    expect(blocked.retryAfter).toBe('1');
    expect(blocked.ms).toBeGreaterThanOrEqual(statementTimeoutMs - 50);
    expect(blocked.ms).toBeLessThan(requestBoundMs);
    expect(retried.status).toBe(201);
    expect(await ordersFor('locked-1')).toBe(1);
  });
});
