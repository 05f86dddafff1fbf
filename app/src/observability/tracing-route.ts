import { subscribe } from 'node:diagnostics_channel';
import { trace } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';

// The HTTP instrumentation starts a request's server span before Fastify routes it, so the span
// only knows the method. This names it by the matched route (`GET /products/:slug`) and records
// `http.route`, as @fastify/otel did, without that plugin's span around every hook and handler:
// those cost each request (sampled or not) more than the rest of the tracing together, see
// bench/README.md "What tracing costs". The route is a pattern: a cart or order id in the path
// never reaches the name. A request no route matched keeps the method alone.

function nameServerSpan(request: FastifyRequest, _reply: unknown, done: () => void): void {
  const span = trace.getActiveSpan();
  // Unsampled requests (most of them in production) skip the route lookup.
  if (span?.isRecording() === true) {
    const route = request.routeOptions.url;
    if (route !== undefined) {
      span.setAttribute('http.route', route);
      span.updateName(`${request.method} ${route}`);
    }
  }
  done();
}

/**
 * Adds the naming hook to every Fastify instance as it is created (Fastify publishes each one on
 * `fastify.initialization`), before the shop registers any plugin: it runs first, so a request
 * answered by an earlier hook (a rate limit, a refused CSRF token) is named too.
 */
export function nameServerSpansByRoute(): void {
  subscribe('fastify.initialization', (message) => {
    (message as { fastify: FastifyInstance }).fastify.addHook('onRequest', nameServerSpan);
  });
}
