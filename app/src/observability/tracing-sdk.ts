import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { maskIds, maskTokens } from './logger.js';
import { nameServerSpansByRoute } from './tracing-route.js';
import { onTracingShutdown } from './tracing-shutdown.js';

const probePaths = new Set(['/healthz', '/readyz']);

/**
 * Traces every request (one server span named by its Fastify route, and HTTP client calls) and
 * every PostgreSQL statement, exported over OTLP as the OTEL_* variables say (endpoint, protocol,
 * headers, OTEL_TRACES_SAMPLER/_ARG, OTEL_SERVICE_NAME). PGlite runs in-process and has no
 * instrumentation: on the embedded database, a request's trace has no statement spans.
 */
export function startTracing(env: NodeJS.ProcessEnv): void {
  // Metrics stay on Prometheus (/metrics) and logs on stdout; the SDK would otherwise push
  // both over OTLP as well.
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'storefront',
    instrumentations: [
      new HttpInstrumentation({
        // Kubelet probes every few seconds would drown the shop's own traffic.
        ignoreIncomingRequestHook: (request) => probePaths.has((request.url ?? '').split('?')[0] ?? ''),
        // Cart and order ids in a path, and order tokens in a query, are capabilities: spans
        // keep what the logs keep (observability/logger.ts), never the whole value.
        startIncomingSpanHook: (request) => {
          const [path = '', query] = (request.url ?? '').split('?', 2);
          return { 'url.path': maskIds(path), ...(query === undefined ? {} : { 'url.query': maskTokens(`?${query}`).slice(1) }) };
        },
      }),
      // Statement text is kept (it is fixed by the code; values travel as parameters and are
      // never recorded): the default enhancedDatabaseReporting stays off.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  nameServerSpansByRoute();
  onTracingShutdown(() => sdk.shutdown());
}
