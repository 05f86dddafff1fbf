import { Agent, get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedShop, type MigratedShop } from '../support/migrated-shop-process.js';

// SIGTERM while 50 keep-alive connections keep asking: during the drain delay every request
// is still served (each answer closing its connection, readiness failing), and once the
// traffic has moved away the process exits 0, inside drain delay + SHUTDOWN_TIMEOUT_MS.

const connections = 50;
const drainDelayMs = 3_000;
const shutdownTimeoutMs = 5_000;
const loadBeforeSignalMs = 1_000;
// The load stops well inside the drain delay, as traffic does once endpoints have moved.
const loadAfterSignalMs = 2_000;

interface Outcome {
  startedAt: number;
  status: number | 'error';
  connectionHeader: string | undefined;
  error?: string;
}

function request(agent: Agent, url: string): Promise<Outcome> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    const outgoing = get(url, { agent }, (response) => {
      response.resume();
      response.on('end', () => {
        resolve({ startedAt, status: response.statusCode ?? 0, connectionHeader: response.headers.connection });
      });
      response.on('error', (error) => { resolve({ startedAt, status: 'error', connectionHeader: undefined, error: error.message }); });
    });
    outgoing.on('error', (error) => { resolve({ startedAt, status: 'error', connectionHeader: undefined, error: error.message }); });
  });
}

let shop: MigratedShop;

beforeAll(async () => {
  shop = await startMigratedShop({
    SHUTDOWN_DRAIN_DELAY_MS: String(drainDelayMs),
    SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    LOG_LEVEL: 'warn',
  });
}, 60_000);

afterAll(async () => {
  await shop.dispose();
});

describe('drain on SIGTERM', () => {
  it(`serves every request from ${String(connections)} keep-alive connections through the drain, then exits 0`, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const outcomes: Outcome[] = [];
    let loading = true;
    // Alternate a database read and the liveness probe, so in-flight work includes queries.
    const paths = ['/api/v1/products?pageSize=5', '/healthz'];
    const worker = async (index: number): Promise<void> => {
      for (let turn = index; loading; turn += 1) outcomes.push(await request(agent, `${shop.url}${paths[turn % paths.length] ?? '/healthz'}`));
    };
    const workers = Array.from({ length: connections }, (_, index) => worker(index));

    await new Promise((resolve) => setTimeout(resolve, loadBeforeSignalMs));
    const signalledAt = performance.now();
    shop.server.child.kill('SIGTERM');

    // Readiness fails at once, on a fresh connection, while the load goes on.
    let readinessFailedAt: number | undefined;
    while (readinessFailedAt === undefined && performance.now() - signalledAt < drainDelayMs) {
      const probe = await request(new Agent({ keepAlive: false }), `${shop.url}/readyz`);
      if (probe.status === 503) readinessFailedAt = performance.now();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }

    await new Promise((resolve) => setTimeout(resolve, signalledAt + loadAfterSignalMs - performance.now()));
    loading = false;
    await Promise.all(workers);
    agent.destroy();

    const exitCode = await shop.server.exited;
    const exitedAfterMs = performance.now() - signalledAt;

    const failed = outcomes.filter((outcome) => outcome.status !== 200);
    const afterSignal = outcomes.filter((outcome) => outcome.startedAt >= signalledAt);
    const afterReadinessFailed = outcomes.filter((outcome) => readinessFailedAt !== undefined && outcome.startedAt >= readinessFailedAt);
    const keptOpen = afterReadinessFailed.filter((outcome) => outcome.connectionHeader?.toLowerCase() !== 'close');
    console.log(`requests sent: ${String(outcomes.length)} over ${String(connections)} keep-alive connections`);
    console.log(`requests sent after SIGTERM: ${String(afterSignal.length)}`);
    console.log(`failed requests: ${String(failed.length)}${failed.length > 0 ? ` (first: ${JSON.stringify(failed[0])})` : ''}`);
    console.log(`readiness 503 after: ${readinessFailedAt === undefined ? 'never' : `${String(Math.round(readinessFailedAt - signalledAt))} ms`}`);
    console.log(`answers after readiness failed without Connection: close: ${String(keptOpen.length)} of ${String(afterReadinessFailed.length)}`);
    console.log(`time to exit after SIGTERM: ${String(Math.round(exitedAfterMs))} ms (drain ${String(drainDelayMs)} + timeout ${String(shutdownTimeoutMs)}), exit code ${String(exitCode)}`);

    expect(failed).toEqual([]);
    expect(afterSignal.length).toBeGreaterThan(connections);
    expect(readinessFailedAt).toBeDefined();
    expect(afterReadinessFailed.length).toBeGreaterThan(0);
    expect(keptOpen).toEqual([]);
    expect(exitCode).toBe(0);
    expect(exitedAfterMs).toBeGreaterThanOrEqual(drainDelayMs);
    expect(exitedAfterMs).toBeLessThan(drainDelayMs + shutdownTimeoutMs);
  });
});
