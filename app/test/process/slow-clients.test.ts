import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedShop, type MigratedShop } from '../support/migrated-shop-process.js';
import { openRaw, parseResponse, waitForText, type RawConnection } from '../support/raw-http.js';

// Slowloris over real sockets: a client that trickles its headers or its body, or keeps an
// idle connection, is cut off within the configured bound instead of holding a socket (and
// for bodies, a request) for as long as it likes.

const headersTimeoutMs = 1_000;
const requestTimeoutMs = 2_000;
const keepAliveTimeoutMs = 2_500;
// Node checks the header and request timeouts once a second (app.ts); the rest is for a busy
// machine.
const checkIntervalMs = 1_000;
const slackMs = 1_500;

let shop: MigratedShop;

beforeAll(async () => {
  shop = await startMigratedShop({
    HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
    REQUEST_TIMEOUT_MS: String(requestTimeoutMs),
    KEEP_ALIVE_TIMEOUT_MS: String(keepAliveTimeoutMs),
  });
}, 60_000);

afterAll(async () => {
  await shop.dispose();
});

/** Writes one byte of `text` every `everyMs` until the server closes the connection. */
function trickle(connection: RawConnection, text: string, everyMs: number): void {
  let sent = 0;
  const timer = setInterval(() => {
    if (connection.socket.destroyed || sent >= text.length) {
      clearInterval(timer);
      return;
    }
    connection.socket.write(text.charAt(sent));
    sent += 1;
  }, everyMs);
  void connection.closed.then(() => { clearInterval(timer); });
}

/** Resolves with when the server closed the connection, or fails the test once `limitMs` passes. */
async function closedWithin(connection: RawConnection, limitMs: number): Promise<number> {
  const limit = new Promise<'still open'>((resolve) => setTimeout(() => { resolve('still open'); }, limitMs));
  const outcome = await Promise.race([connection.closed, limit]);
  connection.socket.destroy();
  if (outcome === 'still open') throw new Error(`the server still held the connection after ${String(limitMs)} ms`);
  return outcome;
}

describe('slow clients', () => {
  it('cuts off a client that trickles its headers with 408 within HEADERS_TIMEOUT_MS', async () => {
    const connection = await openRaw(shop.port);
    connection.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    trickle(connection, `X-Slow: ${'s'.repeat(1_000)}\r\n\r\n`, 100);
    const bound = headersTimeoutMs + checkIntervalMs + slackMs;
    const closedAfterMs = await closedWithin(connection, bound);
    console.log(`slow headers: cut off after ${String(Math.round(closedAfterMs))} ms (HEADERS_TIMEOUT_MS ${String(headersTimeoutMs)}, bound ${String(bound)})`);
    expect(closedAfterMs).toBeGreaterThanOrEqual(headersTimeoutMs - 50);
    const response = parseResponse(connection.received());
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'request_timeout' } });
    expect(response.headers['x-request-id']).toBeDefined();
  });

  it('cuts off a client that trickles its body with 408 within REQUEST_TIMEOUT_MS', async () => {
    const body = JSON.stringify({ email: 'slow@example.com', note: 'b'.repeat(500) });
    const connection = await openRaw(shop.port);
    connection.socket.write(`POST /api/v1/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${String(body.length)}\r\n\r\n`);
    trickle(connection, body, 100);
    const bound = requestTimeoutMs + checkIntervalMs + slackMs;
    const closedAfterMs = await closedWithin(connection, bound);
    console.log(`slow body: cut off after ${String(Math.round(closedAfterMs))} ms (REQUEST_TIMEOUT_MS ${String(requestTimeoutMs)}, bound ${String(bound)})`);
    expect(closedAfterMs).toBeGreaterThanOrEqual(requestTimeoutMs - 50);
    const response = parseResponse(connection.received());
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toMatchObject({ error: { code: 'request_timeout' } });
  });

  it('closes an idle keep-alive connection after KEEP_ALIVE_TIMEOUT_MS, still serving it until then', async () => {
    const request = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const connection = await openRaw(shop.port);
    connection.socket.write(request);
    await waitForText(connection, '"status":"ok"', 5_000);
    // Idle for longer than the headers timeout: that timeout must not apply between requests.
    await new Promise((resolve) => setTimeout(resolve, headersTimeoutMs + 300));
    expect(connection.socket.destroyed).toBe(false);
    const firstAnswerLength = connection.received().length;
    connection.socket.write(request);
    await waitForText(connection, '"status":"ok"', 5_000, firstAnswerLength);
    const secondAnswered = connection.elapsed();
    // Node keeps the socket a second past the advertised Keep-Alive timeout, so a client that
    // reuses it just before that timeout does not race the close.
    const bound = keepAliveTimeoutMs + 1_000 + slackMs;
    const closedAfterMs = (await closedWithin(connection, secondAnswered + bound)) - secondAnswered;
    console.log(`idle keep-alive: closed ${String(Math.round(closedAfterMs))} ms after the last answer (KEEP_ALIVE_TIMEOUT_MS ${String(keepAliveTimeoutMs)}, bound ${String(bound)})`);
    expect(connection.received().split('HTTP/1.1 200 OK').length - 1).toBe(2);
    expect(closedAfterMs).toBeGreaterThanOrEqual(keepAliveTimeoutMs - 300);
  });
});
