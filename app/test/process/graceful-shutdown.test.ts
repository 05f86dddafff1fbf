import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startMigratedShop } from '../support/migrated-shop-process.js';

describe('graceful shutdown', () => {
  it('stops taking new requests, lets an in-flight request finish, then exits 0', async () => {
    const shop = await startMigratedShop({
      SHUTDOWN_TIMEOUT_MS: '20000',
      // The listener closes at once: this test is about what happens after the drain delay
      // (drain-under-load.test.ts covers the delay itself).
      SHUTDOWN_DRAIN_DELAY_MS: '0',
    });
    const { port, server } = shop;
    try {

      // A request whose body is still arriving when SIGTERM lands: it is in flight.
      const body = JSON.stringify({ note: 'x'.repeat(64) });
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => { resolve(); }));
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
      const closed = new Promise<void>((resolve) => socket.once('close', () => { resolve(); }));
      socket.write(`POST /api/v1/shutdown-probe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));

      server.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Still running: it waits for the in-flight request.
      expect(server.child.exitCode).toBeNull();
      // New requests are no longer served: the listener is closed or answers 503.
      const late = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status, () => 'refused');
      expect([503, 'refused']).toContain(late);

      socket.write(body.slice(10));
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 404 /);
      expect(answer).toContain('"code":"not_found"');
      expect(await server.exited).toBe(0);
    } finally {
      await shop.dispose();
    }
  });
});
