import { isSpanContextValid, trace } from '@opentelemetry/api';
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from '../config.js';

// Anything that can carry a credential is censored before a log line is written.
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'body.password',
  'DATABASE_URL',
  'SESSION_SECRET',
  'ADMIN_PASSWORD_HASH',
  'config.DATABASE_URL',
  'config.SESSION_SECRET',
  'config.ADMIN_PASSWORD_HASH',
];

// Order and cart ids in a path are capabilities: whoever holds one reads that order (a name,
// an address) or changes that cart. A log line keeps the first eight digits, enough to follow
// one visitor's requests, and never the whole id.
const fullId = /\b([0-9a-f]{8})-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

export function maskIds(url: string): string {
  return url.replace(fullId, '$1-…');
}

// An order link carries its access token in the query (`/orders/{id}?token=...`): whoever
// holds it reads the order, so none of it is logged.
const tokenParameter = /([?&]token=)[^&#]*/gi;

export function maskTokens(url: string): string {
  return url.replace(tokenParameter, '$1[redacted]');
}

/** Fastify's own request fields, with the ids and tokens in the URL masked. */
function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: maskTokens(maskIds(request.url)),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

/** The active span's ids on every line logged inside it, so a log line leads to its trace. */
export function traceContext(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  if (context === undefined || !isSpanContextValid(context)) return {};
  return { trace_id: context.traceId, span_id: context.spanId };
}

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    serializers: { req: serializeRequest },
    mixin: traceContext,
  };
}

/**
 * One line per request, written when it is answered, with the request, the status and the time
 * taken: Fastify's default writes two (on arrival and on completion), which was half the
 * logging work of every request. Fastify's other lines (errors, a route not found) stay.
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {
    // Written with the completion instead.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
