import https from 'node:https';
import type { FastifyInstance } from 'fastify';

const allowed = new Map([['status', 'https://status.example.com/api']]);

export function routes(app: FastifyInstance): void {
  app.get<{ Querystring: { url: string } }>('/preview', async (request) => {
    // ruleid: ssrf-request-derived-url
    const response = await fetch(request.query.url);
    return response.text();
  });
  app.get<{ Params: { host: string } }>('/ping/:host', async (request) => {
    const target = `https://${request.params.host}/health`;
    // ruleid: ssrf-request-derived-url
    https.get(target, () => undefined);
    return 'ok';
  });
  app.get<{ Querystring: { feed: string } }>('/feed', async (request) => {
    const base = allowed.get(request.query.feed === 'status' ? 'status' : 'none') ?? 'https://status.example.com/api';
    // ok: ssrf-request-derived-url
    const response = await fetch('https://status.example.com/api');
    return { base, body: await response.text() };
  });
}
