// The process preload (`node --import ./dist/observability/tracing.js dist/cli/serve.js`, as the
// image and `npm start` run it). Instrumentation has to patch http, pg and Fastify before the
// shop imports them, hence a preload rather than a call in cli/serve.ts. Without an OTLP endpoint
// (or with OTEL_SDK_DISABLED=true) it imports nothing else: tracing off costs one small module.
// The standard OTEL_* variables configure everything else; the SDK reads them itself.
//
// No ESM loader hook (`@opentelemetry/instrumentation/hook.mjs`): what is traced is CommonJS
// (pg, pg-pool, node:http under Fastify), which the SDK's require hooks patch, and the hook
// would pass every module the shop imports through a loader thread, adding seconds to start-up.
// test/process/tracing.test.ts checks that the statement spans still appear. An outgoing
// `http.request` imported by name from one of the shop's own ES modules would not be traced
// without the hook; the shop makes none.

const env = process.env;
const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim();
const disabled = (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true';

if (endpoint !== '' && !disabled) {
  const { startTracing } = await import('./tracing-sdk.js');
  startTracing(env);
}
