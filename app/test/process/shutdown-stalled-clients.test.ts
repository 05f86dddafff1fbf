import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedShop, type MigratedShop } from '../support/migrated-shop-process.js';
import { openRaw, type RawConnection } from '../support/raw-http.js';

// Node stops enforcing its header and request timeouts once the listener closes, so without
// help a client that never finishes its request holds the shutdown until SHUTDOWN_TIMEOUT_MS
// and the process exits 1. Here a silent connection, one stuck in its headers and one
// trickling a body are open when the listener closes; the process must still exit 0, long
// before that deadline.

const drainDelayMs = 1_000;
const requestTimeoutMs = 2_000;
const shutdownTimeoutMs = 20_000;
// The body request starts just before SIGTERM, so its timeout ends about this long after the
// listener closes; then a sweep (every 250 ms) and a busy machine.
const boundMs = drainDelayMs + requestTimeoutMs + 2_000;

let shop: MigratedShop;

beforeAll(async () => {
  shop = await startMigratedShop({
    SHUTDOWN_DRAIN_DELAY_MS: String(drainDelayMs),
    SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs),
    HEADERS_TIMEOUT_MS: String(requestTimeoutMs),
    REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
  });
}, 60_000);

afterAll(async () => {
  await shop.dispose();
});

function trickle(connection: RawConnection, everyMs: number): void {
  const timer = setInterval(() => {
    if (connection.socket.destroyed) clearInterval(timer);
    else connection.socket.write('x');
  }, everyMs);
  void connection.closed.then(() => { clearInterval(timer); });
}

describe('shutdown with stalled clients', () => {
  it('closes connections that never complete a request once the listener closes, and exits 0', async () => {
    const slowBody = await openRaw(shop.port);
    slowBody.socket.write('POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    trickle(slowBody, 100);

    const signalledAt = performance.now();
    shop.server.child.kill('SIGTERM');
    // Opened during the drain, while the listener still accepts: one says nothing, one keeps
    // sending header lines.
    await new Promise((resolve) => setTimeout(resolve, drainDelayMs / 2));
    const silent = await openRaw(shop.port);
    const slowHeaders = await openRaw(shop.port);
    slowHeaders.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const headerTimer = setInterval(() => { if (!slowHeaders.socket.destroyed) slowHeaders.socket.write('X-Slow: 1\r\n'); }, 100);

    const exited = await Promise.race([
      shop.server.exited,
      new Promise<'still running'>((resolve) => setTimeout(() => { resolve('still running'); }, boundMs)),
    ]);
    const exitedAfterMs = performance.now() - signalledAt;
    clearInterval(headerTimer);
    const stalled = { silent, 'slow headers': slowHeaders, 'slow body': slowBody };
    for (const [name, connection] of Object.entries(stalled)) {
      const closedAt = connection.socket.destroyed ? `closed by the server ${String(Math.round(connection.openedAt + (await connection.closed) - signalledAt))} ms after SIGTERM` : 'still open';
      console.log(`${name} connection: ${closedAt}`);
      connection.socket.destroy();
    }
    console.log(`time to exit after SIGTERM: ${exited === 'still running' ? `still running after ${String(boundMs)} ms` : `${String(Math.round(exitedAfterMs))} ms, exit code ${String(exited)}`} (drain ${String(drainDelayMs)}, REQUEST_TIMEOUT_MS ${String(requestTimeoutMs)}, SHUTDOWN_TIMEOUT_MS ${String(shutdownTimeoutMs)})`);
    expect(exited).toBe(0);
    expect(exitedAfterMs).toBeGreaterThanOrEqual(drainDelayMs);
  });
});
