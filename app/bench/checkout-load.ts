// Checkouts as a shopper makes them, for benchmarks: a new cart, one item put in it, the order
// placed. `workers` shoppers loop for `seconds`, each starting its next checkout when the last
// is answered; the latency is the whole checkout (three requests).

export interface CheckoutLoadResult {
  checkoutsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
}

const customer = {
  email: 'bench@example.com',
  name: 'Bench Shopper',
  address: { line1: '1 Loopback Road', line2: '', postalCode: '090313', city: 'Guayaquil', country: 'EC' },
  shippingMethod: 'standard',
};

async function expectStatus(response: Response, expected: number, what: string): Promise<Response> {
  if (response.status !== expected) throw new Error(`${what} answered ${String(response.status)}: ${(await response.text()).slice(0, 200)}`);
  return response;
}

async function checkOut(baseUrl: string, sku: string, key: string): Promise<void> {
  const cart = (await (await expectStatus(await fetch(`${baseUrl}/api/v1/carts`, { method: 'POST' }), 201, 'POST /api/v1/carts')).json()) as { id: string };
  await expectStatus(await fetch(`${baseUrl}/api/v1/carts/${cart.id}/items/${encodeURIComponent(sku)}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ quantity: 1 }) }), 200, 'PUT cart item');
  await expectStatus(await fetch(`${baseUrl}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify({ cartId: cart.id, ...customer }) }), 201, 'POST /api/v1/orders');
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
}

export async function measureCheckouts(baseUrl: string, sku: string, options: { workers: number; seconds: number; label: string }): Promise<CheckoutLoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: unknown;
  const started = performance.now();
  const until = started + options.seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: options.workers }, async () => {
      while (performance.now() < until) {
        const begun = performance.now();
        try {
          await checkOut(baseUrl, sku, `${options.label}-${String((n += 1))}`);
          latencies.push(performance.now() - begun);
        } catch (error) {
          failures += 1;
          firstFailure ??= error;
        }
      }
    }),
  );
  if (latencies.length === 0) throw new Error(`no checkout succeeded: ${firstFailure instanceof Error ? firstFailure.message : String(firstFailure)}`);
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { checkoutsPerSecond: latencies.length / elapsed, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), failures };
}
