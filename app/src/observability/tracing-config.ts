import { z } from 'zod';

// The standard OpenTelemetry variables the shop's tracing preload honours. The OpenTelemetry
// SDK reads them itself (observability/tracing.ts); they are declared with the shop's config
// so a bad value stops the process with a line naming it, like every other setting, and so the
// manifests' contract tests know them.

const otlpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL such as http://otel-collector.observability.svc:4318' });

export const tracingConfigShape = {
  OTEL_EXPORTER_OTLP_ENDPOINT: otlpUrl.optional().describe('OTLP/HTTP base URL of the trace collector; unset (with OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) turns tracing off'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otlpUrl.optional().describe('full URL for traces, overriding OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces'),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json', 'grpc'], { error: 'expected http/protobuf, http/json or grpc' })
    .optional()
    .describe('OTLP transport; default http/protobuf'),
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'expected true or false' }).optional().describe('true turns tracing off even with an endpoint set'),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'], {
      error: 'expected always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off or parentbased_traceidratio',
    })
    .optional()
    .describe('which requests are traced; default parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce
    .number({ error: 'expected a ratio from 0 to 1' })
    .min(0, { error: 'expected a ratio from 0 to 1' })
    .max(1, { error: 'expected a ratio from 0 to 1' })
    .optional()
    .describe('the ratio for the traceidratio samplers'),
  OTEL_SERVICE_NAME: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'expected a service name of letters, digits, dots, dashes or underscores' }).optional().describe('service.name of the spans; default storefront'),
  OTEL_RESOURCE_ATTRIBUTES: z.string().max(1024, { error: 'expected at most 1024 characters' }).optional().describe('extra resource attributes, key=value,key=value'),
};
