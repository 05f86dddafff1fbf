import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMigratedShop, type MigratedShop } from '../support/migrated-shop-process.js';
import { exchangeRaw, type RawResponse } from '../support/raw-http.js';

// Answers Node and Fastify write before any route runs, over real sockets: they must look like
// every other answer of the shop (error shape, security headers, request id) and never echo
// the URL, which may hold a cart or order id or an attacker's markup.

const securityHeaderNames = [
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
];
const marker = 'Zq7<script>marker';

let shop: MigratedShop;
let routedHeaders: Record<string, string>;

beforeAll(async () => {
  shop = await startMigratedShop({});
  // The reference: the headers a routed answer carries.
  routedHeaders = Object.fromEntries((await fetch(`${shop.url}/healthz`)).headers);
}, 60_000);

afterAll(async () => {
  await shop.dispose();
});

function expectShopShape(response: RawResponse, status: number, code: string): void {
  console.log(`${String(status)} ${code}: got ${String(response.status)}, body ${response.body}`);
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(JSON.parse(response.body)).toEqual({ error: { code, message: expect.any(String) as string } });
  for (const name of securityHeaderNames) {
    expect(routedHeaders[name], `routed answers carry ${name}`).toBeDefined();
    expect(response.headers[name], name).toBe(routedHeaders[name]);
  }
  expect(response.headers['x-request-id']).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  expect(response.body).not.toContain('Zq7');
}

describe('errors answered before routing', () => {
  it('answers an over-long path parameter with 414, keeping a well-formed request id', async () => {
    const param = `${marker}${'a'.repeat(300)}`;
    const response = await exchangeRaw(
      shop.port,
      `GET /api/v1/products/${encodeURIComponent(param)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: probe-414\r\nConnection: close\r\n\r\n`,
    );
    expectShopShape(response, 414, 'uri_too_long');
    expect(response.headers['x-request-id']).toBe('probe-414');
  });

  it('answers over-large headers with 431', async () => {
    const response = await exchangeRaw(shop.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: ${marker}${'p'.repeat(20_000)}\r\n\r\n`);
    expectShopShape(response, 431, 'headers_too_large');
  });

  it('answers a URL longer than the header limit with 431, without echoing it', async () => {
    const response = await exchangeRaw(shop.port, `GET /search?q=${encodeURIComponent(marker)}${'u'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectShopShape(response, 431, 'headers_too_large');
  });

  it('answers a request line that is not HTTP with 400', async () => {
    const response = await exchangeRaw(shop.port, `${marker} /${marker} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    expectShopShape(response, 400, 'bad_request');
  });

  it('answers a badly encoded URL with 400, without echoing it', async () => {
    const response = await exchangeRaw(shop.port, `GET /api/v1/products/${encodeURIComponent(marker)}%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    expectShopShape(response, 400, 'bad_url');
  });
});
