import { configSchema } from '@storefront/app/config';
import { z } from 'zod';

// An environment's `app:` block: the app's own variables (names, bounds and defaults from
// app/src/config.ts, the one owner of the app's settings), which the ConfigMap copies through.
// The values are written as the pod receives them (strings) and validated by the app's schema,
// so a value the app would refuse at start is refused here, naming file and key.

type AppVariables = typeof configSchema.shape;
export type AppVariable = keyof AppVariables;

/**
 * Variables the app reads that an environment file does not set, and who sets them instead.
 * Typed against the app's schema: renaming one there fails to compile here.
 */
const setElsewhere = {
  HOST: 'the manifests (the container listens on every address)',
  PORT: 'the manifests (the Service and probes name the port)',
  METRICS_PORT: 'the manifests (the metrics Service and ServiceMonitor name the port)',
  PUBLIC_URL: 'the manifests, from host',
  TRUST_PROXY: "the manifests (one hop: the Gateway's Envoy proxy)",
  SHUTDOWN_DRAIN_DELAY_MS: "the manifests (the Deployment's grace period is computed from it)",
  DATABASE_URL: 'the ExternalSecret storefront, from the secret store',
  SESSION_SECRET: 'the ExternalSecret storefront, from the secret store',
  ADMIN_PASSWORD_HASH: 'the ExternalSecret storefront, from the secret store',
  DATA_DIR: 'nobody in a cluster (local runs without DATABASE_URL only)',
  MIGRATE_ON_START: 'nobody in a cluster (the migration Job migrates)',
  SEED_ON_START: 'nobody in a cluster (local runs only)',
  RELEASE_REVISION: 'the manifests, from image.revision',
  RELEASE_DIGEST: 'the manifests, from image.digest',
  // Tracing is configured by tracing: (the collector the NetworkPolicy lets the pods reach, the sampling ratio).
  OTEL_EXPORTER_OTLP_ENDPOINT: 'the manifests, from tracing.endpoint',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'the manifests, from tracing.endpoint',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'the manifests, from tracing',
  OTEL_SDK_DISABLED: 'the manifests, from tracing',
  OTEL_TRACES_SAMPLER: 'the manifests, from tracing.samplingRatio',
  OTEL_TRACES_SAMPLER_ARG: 'the manifests, from tracing.samplingRatio',
  OTEL_SERVICE_NAME: 'the manifests, from tracing',
  OTEL_RESOURCE_ATTRIBUTES: 'the manifests, from name',
} as const satisfies Partial<Record<AppVariable, string>>;

/** An app variable an environment file may set in `app:`. */
export type AppSetting = Exclude<AppVariable, keyof typeof setElsewhere>;
export type AppSettings = Partial<Record<AppSetting, string>>;

const appVariables = Object.keys(configSchema.shape) as AppVariable[];
const isAppVariable = (key: string): key is AppVariable => (appVariables as string[]).includes(key);
const isSetElsewhere = (key: AppVariable): key is keyof typeof setElsewhere => Object.hasOwn(setElsewhere, key);

/** The app variables an environment may set, in the app's order. */
export const appSettingNames: readonly AppSetting[] = appVariables.filter((key): key is AppSetting => !isSetElsewhere(key));

// YAML gives numbers and booleans; the pod gets their text, which is what the app parses.
const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected a value (text, a number, true or false)' }).transform(String);

export const appSettingsSchema = z
  .record(z.string(), scalar, { error: "expected a mapping of the app's variables, such as RATE_LIMIT_MAX: 600" })
  .superRefine((settings, ctx) => {
    for (const [key, value] of Object.entries(settings)) {
      if (!isAppVariable(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'not a variable the app reads (app/src/config.ts)' });
      } else if (isSetElsewhere(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `set by ${setElsewhere[key]}, not by an environment file` });
      } else {
        const parsed = configSchema.shape[key].safeParse(value);
        if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
      }
    }
  })
  .transform((settings) => settings as AppSettings)
  .prefault({});

/**
 * The value the app runs with for `key` in an environment: the file's, or the app's default,
 * parsed by the app's schema (a number for RATE_LIMIT_MAX, and so on).
 */
export function appSettingValue<K extends AppSetting>(settings: AppSettings, key: K): z.output<AppVariables[K]> {
  return configSchema.shape[key].parse(settings[key]) as z.output<AppVariables[K]>;
}
