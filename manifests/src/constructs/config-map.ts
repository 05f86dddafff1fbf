import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { appName, names, ports, syncWave, waveAnnotation } from '../names.js';

export interface AppConfigMapProps {
  readonly env: Environment;
  readonly labels: Record<string, string>;
}

/**
 * After SIGTERM the pod keeps serving this long with readiness failing, while the endpoint
 * removal reaches kube-proxy and the Gateway's Envoy proxies; set explicitly so the Deployment's
 * grace period is computed from the value the app runs with.
 */
export const shutdownDrainDelayMs = 5_000;

/** The app's non-secret environment variables (names as in app/src/config.ts). */
export function appConfig(env: Environment): Record<string, string> {
  return {
    HOST: '0.0.0.0',
    PORT: String(ports.http.port),
    METRICS_PORT: String(ports.metrics.port),
    PUBLIC_URL: `https://${env.host}`,
    // One hop: the Gateway's Envoy proxy, the only peer the NetworkPolicy lets reach the HTTP
    // port. Envoy Gateway appends the address it received the connection from to
    // X-Forwarded-For (use_remote_address, its default), so that is the client address.
    TRUST_PROXY: '1',
    LOG_LEVEL: env.app.logLevel,
    SHUTDOWN_TIMEOUT_MS: String(env.app.shutdownTimeoutMs),
    SHUTDOWN_DRAIN_DELAY_MS: String(shutdownDrainDelayMs),
    RATE_LIMIT_MAX: String(env.app.rateLimitMax),
    LOGIN_RATE_LIMIT_MAX: String(env.app.loginRateLimitMax),
    DATABASE_POOL_MAX: String(env.app.databasePoolMax),
    BODY_LIMIT_BYTES: String(env.app.bodyLimitBytes),
    // The app's tracing preload reads these standard OpenTelemetry variables (app/README.md).
    OTEL_EXPORTER_OTLP_ENDPOINT: env.tracing.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: String(env.tracing.samplingRatio),
    OTEL_SERVICE_NAME: appName,
    OTEL_RESOURCE_ATTRIBUTES: `deployment.environment.name=${env.name}`,
  };
}

/** ConfigMap `storefront`: what the Deployment loads with envFrom. */
export class AppConfigMap extends Construct {
  /** sha256 of the data, put on the pod template so a config change rolls the pods. */
  readonly checksum: string;

  constructor(scope: Construct, id: string, props: AppConfigMapProps) {
    super(scope, id);
    const data = appConfig(props.env);
    this.checksum = createHash('sha256').update(JSON.stringify(data)).digest('hex');
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: names.configMap, labels: props.labels, annotations: waveAnnotation(syncWave.prerequisites) },
      data,
    });
  }
}
