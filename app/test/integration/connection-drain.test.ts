import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';

describe('answers while the process drains', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps connections open while serving normally', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/products' });
    expect(response.statusCode).toBe(200);
    expect(response.headers.connection).not.toBe('close');
  });

  it('serves every kind of answer during the drain, each closing its connection', async () => {
    t.app.lifecycle.shuttingDown = true;
    try {
      const answers = await Promise.all(
        ['/api/v1/products', '/', '/api/v1/no-such-thing', '/assets/site.css'].map((url) => t.app.inject({ method: 'GET', url })),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 404, 200]);
      expect(answers.map((answer) => answer.headers.connection)).toEqual(['close', 'close', 'close', 'close']);
    } finally {
      t.app.lifecycle.shuttingDown = false;
    }
  });
});
