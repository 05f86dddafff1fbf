// A well-behaved API client for fault tests: every step of a purchase is retried on 503 or a
// failed connection, the checkout always with the same Idempotency-Key, exactly as the
// Operations contract tells clients to. Every answer is tallied, so a test can assert that no
// request ever got a 500 and that every 503 said when to retry.

export interface Tally {
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer at all (connection refused or reset, client timeout). */
  connectionErrors: number;
  /** 503 answers without a Retry-After header. */
  unavailableWithoutRetryAfter: number;
  /** Checkouts answered with `Idempotent-Replayed: true`: an earlier attempt had created the order. */
  replays: number;
  /** performance.now() of every 2xx answer. */
  successesAt: number[];
  /** performance.now() of every 503 or connection error. */
  failuresAt: number[];
}

export function newTally(): Tally {
  return { statuses: new Map(), connectionErrors: 0, replays: 0, unavailableWithoutRetryAfter: 0, successesAt: [], failuresAt: [] };
}

export function count(tally: Tally, predicate: (status: number) => boolean): number {
  let total = 0;
  for (const [status, n] of tally.statuses) if (predicate(status)) total += n;
  return total;
}

export interface BuyerOptions {
  baseUrl: string;
  tally: Tally;
  /** Gives up (throws) when a step has not succeeded by then (performance.now() ms). */
  deadline: number;
  /** Checked before every retry: a dead server process fails the test at once, not at the deadline. */
  serverAlive: () => boolean;
  retryDelayMs?: number;
  requestTimeoutMs?: number;
}

class UnexpectedAnswer extends Error {}

async function attempt(options: BuyerOptions, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const { tally } = options;
  for (;;) {
    if (!options.serverAlive()) throw new Error('the shop process died');
    if (performance.now() > options.deadline) throw new Error(`${method} ${path} did not succeed before the deadline`);
    let response: Response;
    try {
      response = await fetch(`${options.baseUrl}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.requestTimeoutMs ?? 15_000),
      });
    } catch {
      tally.connectionErrors += 1;
      tally.failuresAt.push(performance.now());
      await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 100));
      continue;
    }
    tally.statuses.set(response.status, (tally.statuses.get(response.status) ?? 0) + 1);
    const text = await response.text();
    if (response.ok) {
      tally.successesAt.push(performance.now());
      if (response.headers.get('idempotent-replayed') === 'true') tally.replays += 1;
      return JSON.parse(text) as unknown;
    }
    if (response.status !== 503) throw new UnexpectedAnswer(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
    if (response.headers.get('retry-after') === null) tally.unavailableWithoutRetryAfter += 1;
    tally.failuresAt.push(performance.now());
    // Retry-After says 1 s; the test retries sooner to measure recovery to a tenth of a second.
    await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 100));
  }
}

/** Creates a cart with one unit of `sku` in it; returns its id. */
export async function cartWithOne(options: BuyerOptions, sku: string): Promise<string> {
  const cart = (await attempt(options, 'POST', '/api/v1/carts', undefined)) as { id: string };
  await attempt(options, 'PUT', `/api/v1/carts/${cart.id}/items/${encodeURIComponent(sku)}`, { quantity: 1 });
  return cart.id;
}

export const customer = {
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  address: { line1: 'Av. 9 de Octubre 1212', line2: '', postalCode: '090313', city: 'Guayaquil', country: 'EC' },
  shippingMethod: 'standard',
};

/** Checks the cart out with `idempotencyKey`, retrying until it succeeds; returns the order id. */
export async function checkOut(options: BuyerOptions, cartId: string, idempotencyKey: string): Promise<string> {
  const order = (await attempt(options, 'POST', '/api/v1/orders', { cartId, ...customer }, { 'idempotency-key': idempotencyKey })) as { id: string };
  return order.id;
}

/** Creates a cart, puts one unit of `sku` in it and checks it out with `idempotencyKey`; returns the order id. */
export async function buyOne(options: BuyerOptions, sku: string, idempotencyKey: string): Promise<string> {
  return checkOut(options, await cartWithOne(options, sku), idempotencyKey);
}
