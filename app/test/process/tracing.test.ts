import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartWithOne, customer, newTally, type BuyerOptions } from '../support/retrying-buyer.js';
import { formatTrace, startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// The shop as the image runs it (the tracing preload, an OTLP endpoint in the environment) on
// a real PostgreSQL server, exporting to a receiver in this test: a checkout's trace has the
// request (named by its route), the checkout and every statement, says how the checkout ended, carries
// nothing about the buyer, and the request's log lines name the same trace.

let env: ShopOnPostgres;
let receiver: OtlpReceiver;
let buyer: BuyerOptions;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  env = await startShopOnPostgres({
    nodeArgs: ['--import', './dist/observability/tracing.js'],
    env: {
      LOG_LEVEL: 'info',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_SERVICE_NAME: 'storefront-test',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    },
  });
  buyer = { baseUrl: env.url, tally: newTally(), deadline: performance.now() + 40_000, serverAlive: () => env.alive() };
}, 60_000);
afterAll(async () => {
  await env.close();
  await receiver.close();
});

async function traceOf(predicate: (span: ReceivedSpan) => boolean): Promise<ReceivedSpan[]> {
  const until = performance.now() + 10_000;
  for (;;) {
    const found = receiver.spans.find(predicate);
    // The server span ends last, once the answer is written: the trace is whole when it is in.
    if (found !== undefined) {
      const spans = receiver.spans.filter((s) => s.traceId === found.traceId);
      if (spans.some((s) => s.parentSpanId === '')) return spans;
    }
    if (performance.now() > until) throw new Error('the trace did not reach the receiver within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function logLines(): Record<string, unknown>[] {
  return env.shop.stdout().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('tracing', () => {
  it('traces a checkout from the request down to each statement, with its outcome and nothing about the buyer', async () => {
    const cartId = await cartWithOne(buyer, env.sku);
    const response = await fetch(`${env.url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'trace-order-1' },
      body: JSON.stringify({ cartId, ...customer }),
    });
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id');
    const order = (await response.json()) as { id: string; accessToken: string };

    const spans = await traceOf((s) => s.name === 'checkout');
    console.log(`checkout trace (${String(spans.length)} spans):\n${formatTrace(spans)}`);

    const root = spans.find((s) => s.parentSpanId === '');
    expect(root?.name).toBe('POST /api/v1/orders');
    expect(root?.attributes).toMatchObject({ 'http.route': '/api/v1/orders', 'http.response.status_code': 201 });
    // One span for the request, none per Fastify hook or handler: those cost every request,
    // sampled or not, more than all the rest of the tracing (bench/README.md).
    expect(spans.filter((s) => !s.name.startsWith('pg')).map((s) => s.name).sort()).toEqual(['POST /api/v1/orders', 'checkout']);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const span of spans) if (span !== root) expect(byId.has(span.parentSpanId), `${span.name} has its parent in the trace`).toBe(true);
    const ancestors = (span: ReceivedSpan): string[] => {
      const names: string[] = [];
      for (let parent = byId.get(span.parentSpanId); parent !== undefined; parent = byId.get(parent.parentSpanId)) names.push(parent.name);
      return names;
    };

    const checkout = spans.find((s) => s.name === 'checkout');
    expect(checkout?.attributes).toMatchObject({ 'checkout.outcome': 'created', 'checkout.item_count': 1, 'checkout.line_count': 1, 'checkout.voucher_applied': false });
    expect(ancestors(checkout as ReceivedSpan)).toContain('POST /api/v1/orders');

    const statements = spans.filter((s) => s.name.startsWith('pg.query'));
    expect(statements.length).toBeGreaterThanOrEqual(5);
    for (const statement of statements) expect(ancestors(statement)).toContain('checkout');
    expect(statements.some((s) => /insert into orders/i.test(String(s.attributes['db.query.text'] ?? s.attributes['db.statement'] ?? '')))).toBe(true);

    // A request on a path with ids is named by its route's pattern, never by the ids.
    const putItem = receiver.spans.find((s) => s.attributes['http.route'] === '/api/v1/carts/:id/items/:sku');
    expect(putItem?.name).toBe('PUT /api/v1/carts/:id/items/:sku');

    // Nothing the buyer typed or was given reaches the trace, in any attribute of any span.
    const exported = receiver.bodies.join('\n');
    for (const secret of [customer.email, customer.name, customer.address.line1, order.accessToken, cartId, order.id]) {
      expect(exported.includes(secret), `the export carries ${secret}`).toBe(false);
    }

    // The request's one access line ("request completed"); stdout reaches the test a moment later.
    const completed = (lines: Record<string, unknown>[]) => lines.some((line) => line.msg === 'request completed');
    let lines = logLines().filter((line) => line.reqId === requestId);
    for (const until = performance.now() + 5_000; !completed(lines) && performance.now() < until; lines = logLines().filter((line) => line.reqId === requestId)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.log(`log lines of the checkout request: ${lines.map((line) => `${String(line.msg)} trace_id=${String(line.trace_id)} span_id=${String(line.span_id)}`).join('; ')}`);
    expect(completed(lines)).toBe(true);
    for (const line of lines) {
      expect(line.trace_id).toBe(checkout?.traceId);
      expect(typeof line.span_id).toBe('string');
    }
  });

  it('records a refused checkout as its outcome', async () => {
    const cart = (await (await fetch(`${env.url}/api/v1/carts`, { method: 'POST' })).json()) as { id: string };
    const response = await fetch(`${env.url}/api/v1/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ cartId: cart.id, ...customer }),
    });
    expect(response.status).toBe(422);
    const spans = await traceOf((s) => s.name === 'checkout' && s.attributes['checkout.outcome'] !== 'created');
    const checkout = spans.find((s) => s.name === 'checkout');
    expect(checkout?.attributes).toMatchObject({ 'checkout.outcome': 'cart_empty', 'checkout.refusal_code': 'cart_empty' });
  });
});
