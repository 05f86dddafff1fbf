import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommitCuttingProxy, type CommitCuttingProxy } from '../support/commit-cutting-proxy.js';
import { cartWithOne, customer, newTally } from '../support/retrying-buyer.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// The network cuts the connection after PostgreSQL committed a checkout but before its answer
// reached the shop. The shop cannot know the order exists, so it must not say it failed for
// good (no 500) nor retry on its own: it answers 503, and the client's retry with the same
// Idempotency-Key returns that very order. Exactly one order, stock taken once.

let proxy: CommitCuttingProxy | undefined;
let env: ShopOnPostgres;
beforeAll(async () => {
  env = await startShopOnPostgres({
    databaseUrl: async (cluster) => {
      proxy = await startCommitCuttingProxy(cluster.port);
      return `postgresql://postgres@127.0.0.1:${proxy.port}/shop`;
    },
  });
}, 60_000);
afterAll(async () => {
  await proxy?.close();
  await env.close();
});

async function checkout(cartId: string, key: string): Promise<{ status: number; replayed: boolean; retryAfter: string | null; id: string | undefined }> {
  const response = await fetch(`${env.url}/api/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ cartId, ...customer }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await response.json()) as { id?: string };
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', retryAfter: response.headers.get('retry-after'), id: body.id };
}

describe('a COMMIT whose answer is lost', () => {
  it('answers 503, and the retry with the same key returns the order that did commit', async () => {
    const cartId = await cartWithOne({ baseUrl: env.url, tally: newTally(), deadline: performance.now() + 20_000, serverAlive: () => env.alive() }, env.sku);
    proxy?.cutAfterNextCommit();
    const first = await checkout(cartId, 'lost-commit-1');
    const { rows: committed } = await env.db.query<{ id: string }>('SELECT id FROM orders WHERE idempotency_key = $1', ['lost-commit-1']);
    const retry = await checkout(cartId, 'lost-commit-1');
    const { rows: stock } = await env.db.query<{ stock: number }>('SELECT stock FROM products WHERE id = $1', [env.productId]);

    console.log(`lost commit: connections cut after a COMMIT: ${String(proxy?.cuts())}`);
    console.log(`lost commit: first answer ${first.status} (Retry-After ${String(first.retryAfter)}); orders in the database after it: ${committed.length}`);
    console.log(`lost commit: retry answered ${retry.status}, replayed: ${String(retry.replayed)}; stock taken: ${env.initialStock - (stock[0]?.stock ?? 0)}`);

    expect(env.alive(), env.shop.stderr().slice(-1500)).toBe(true);
    expect(proxy?.cuts()).toBe(1);
    expect(first.status).toBe(503);
    expect(first.retryAfter).toBe('1');
    expect(committed).toHaveLength(1);
    expect(retry.status).toBe(200);
    expect(retry.replayed).toBe(true);
    expect(retry.id).toBe(committed[0]?.id);
    expect(env.initialStock - (stock[0]?.stock ?? 0)).toBe(1);
  });
});
