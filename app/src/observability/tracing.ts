// The process preload (`node --import ./dist/observability/tracing.js dist/cli/serve.js`, as the
// image and `npm start` run it). Instrumentation has to patch http, pg and Fastify before the
// shop imports them, hence a preload rather than a call in cli/serve.ts. Without an OTLP endpoint
// (or with OTEL_SDK_DISABLED=true) it imports nothing else: tracing off costs one small module.
// The standard OTEL_* variables configure everything else; the SDK reads them itself.

const env = process.env;
const endpoint = (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT ?? '').trim();
const disabled = (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true';

if (endpoint !== '' && !disabled) {
  // ES modules (node:http, pg as the shop imports them) are patched through this loader hook;
  // CommonJS requires (Fastify's own) through require hooks the SDK installs.
  // module.register is deprecated for registerHooks, but the OpenTelemetry hook is an async
  // loader hook and registerHooks does not exist on Node 20, which the shop still supports.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const { register } = await import('node:module');
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { startTracing } = await import('./tracing-sdk.js');
  startTracing(env);
}
