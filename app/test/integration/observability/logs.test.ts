import { Writable } from 'node:stream';
import type { FastifyInstance, FastifyLoggerOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Database } from '../../../src/db/database.js';
import { loggerOptions, maskIds, maskTokens } from '../../../src/observability/logger.js';
import { apiCart, orderRequest } from '../../support/checkout-fixtures.js';
import { testAdminPassword, testConfig } from '../../support/config.js';
import { createTestDatabase } from '../../support/database.js';
import { insertProduct } from '../../support/fixtures.js';

// The shop's real logger options, written to memory: what an operator's log pipeline receives.
describe('request logs', () => {
  let db: Database;
  let app: FastifyInstance;
  const lines: string[] = [];
  const parsed = (): Record<string, unknown>[] => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

  beforeAll(async () => {
    const config = testConfig({ LOG_LEVEL: 'info' });
    db = await createTestDatabase();
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
        done();
      },
    });
    app = await buildApp({ config, db, logger: { ...(loggerOptions(config) as FastifyLoggerOptions), stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('are one JSON line per request, with a level name, the request id the response carries, the request, the status and the time taken', async () => {
    lines.length = 0;
    const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(response.headers['x-request-id']).toBe('trace-abc.123');
    const entries = parsed().filter((entry) => entry.reqId === 'trace-abc.123');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ level: 'info', msg: 'request completed', req: { method: 'GET', url: '/healthz' }, res: { statusCode: 200 } });
    expect(typeof entries[0]?.responseTime).toBe('number');
  });

  it('never carry a whole cart or order id, only its first eight digits', async () => {
    const product = await insertProduct(db, { stock: 5 });
    const cartId = await apiCart(app, [{ sku: product.sku, quantity: 1 }]);
    const placed = await app.inject({ method: 'POST', url: '/api/v1/orders', payload: orderRequest(cartId) });
    expect(placed.statusCode).toBe(201);
    const { id: orderId, accessToken } = placed.json<{ id: string; accessToken: string }>();
    lines.length = 0;
    expect((await app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: { authorization: `Bearer ${accessToken}` } })).statusCode).toBe(200);
    const link = await app.inject({ method: 'GET', url: `/orders/${orderId.toUpperCase()}?from=mail&token=${accessToken}` });
    expect(link.statusCode).toBe(303);
    const cookie = link.headers['set-cookie']?.toString().split(';')[0] ?? '';
    expect((await app.inject({ method: 'GET', url: `/orders/${orderId.toUpperCase()}?from=mail`, headers: { cookie } })).statusCode).toBe(200);

    const text = lines.join('\n');
    // Neither the order id nor its access token, which opens the order on its own.
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(orderId);
    expect(text.toLowerCase()).not.toContain(orderId.toLowerCase());
    const urls = parsed().map((entry) => (entry.req as { url?: string } | undefined)?.url).filter((url) => url !== undefined);
    expect(urls).toContain(`/api/v1/orders/${orderId.slice(0, 8)}-…`);
    expect(urls).toContain(`/orders/${orderId.slice(0, 8).toUpperCase()}-…?from=mail`);
    expect(urls).toContain(`/orders/${orderId.slice(0, 8).toUpperCase()}-…?from=mail&token=[redacted]`);
  });

  it('censor credentials wherever they are logged', async () => {
    lines.length = 0;
    const login = await app.inject({ method: 'POST', url: '/api/v1/admin/session', payload: { password: testAdminPassword } });
    expect(login.statusCode).toBe(200);
    app.log.info({ password: 'hunter2-hunter2', config: { DATABASE_URL: 'postgres://shop:s3cret-pw@db/shop', SESSION_SECRET: 'x'.repeat(40) } }, 'something logged carelessly');
    const text = lines.join('\n');
    for (const secret of [testAdminPassword, 'hunter2-hunter2', 's3cret-pw', 'x'.repeat(40)]) expect(text).not.toContain(secret);
    const careless = parsed().find((entry) => entry.msg === 'something logged carelessly');
    expect(careless).toMatchObject({ password: '[redacted]', config: { DATABASE_URL: '[redacted]', SESSION_SECRET: '[redacted]' } });
  });

  it('maskTokens hides every token parameter and nothing else', () => {
    expect(maskTokens('/orders/x?token=abc_DEF-123&from=mail')).toBe('/orders/x?token=[redacted]&from=mail');
    expect(maskTokens('/orders/x?from=mail&TOKEN=abc#top')).toBe('/orders/x?from=mail&TOKEN=[redacted]#top');
    expect(maskTokens('/products?q=token=1&mytoken=2')).toBe('/products?q=token=1&mytoken=2');
  });

  it('maskIds leaves everything but full uuids alone', () => {
    expect(maskIds('/products/amd-ryzen-7?q=12345678')).toBe('/products/amd-ryzen-7?q=12345678');
    expect(maskIds('/api/v1/carts/0b9c8d7e-1111-4222-8333-944455556666/items/ABC-1')).toBe('/api/v1/carts/0b9c8d7e-…/items/ABC-1');
  });
});
