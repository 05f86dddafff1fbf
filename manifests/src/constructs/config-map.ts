import { createHash } from 'node:crypto';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { appSettingValue, type AppSettings, type Environment } from '@storefront/environments';
import { appName, names, ports, syncWave, waveAnnotation } from '../names.js';

export interface AppConfigMapProps {
  /** The environment's name, for the traces' deployment.environment.name. */
  readonly environment: string;
  /** Public host name: PUBLIC_URL. */
  readonly host: string;
  /** The environment file's `app:`, copied through. */
  readonly settings: AppSettings;
  readonly tracing: Environment['tracing'];
  readonly labels: Record<string, string>;
}

/**
 * After SIGTERM the pod keeps serving this long with readiness failing, while the endpoint
 * removal reaches kube-proxy and the Gateway's Envoy proxies; set explicitly so the Deployment's
 * grace period is computed from the value the app runs with.
 */
export const shutdownDrainDelayMs = 5_000;

/**
 * The app's non-secret environment variables: what the platform decides (ports, URL, proxy hop,
 * drain delay, tracing) and the environment file's `app:` settings, copied through as written
 * (the environments schema validated them with the app's own schema, app/src/config.ts).
 */
export function appConfig(props: Omit<AppConfigMapProps, 'labels'>): Record<string, string> {
  return {
    HOST: '0.0.0.0',
    PORT: String(ports.http.port),
    METRICS_PORT: String(ports.metrics.port),
    PUBLIC_URL: `https://${props.host}`,
    // One hop: the Gateway's Envoy proxy, the only peer the NetworkPolicy lets reach the HTTP
    // port. Envoy Gateway appends the address it received the connection from to
    // X-Forwarded-For (use_remote_address, its default), so that is the client address.
    TRUST_PROXY: '1',
    SHUTDOWN_DRAIN_DELAY_MS: String(shutdownDrainDelayMs),
    // Stated even when the file leaves it out: the Deployment's grace period is computed from
    // it, so the pod must run with this value, not with whatever default its image has.
    SHUTDOWN_TIMEOUT_MS: String(appSettingValue(props.settings, 'SHUTDOWN_TIMEOUT_MS')),
    ...props.settings,
    // The app's tracing preload reads these standard OpenTelemetry variables (app/README.md).
    OTEL_EXPORTER_OTLP_ENDPOINT: props.tracing.endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
    OTEL_TRACES_SAMPLER_ARG: String(props.tracing.samplingRatio),
    OTEL_SERVICE_NAME: appName,
    OTEL_RESOURCE_ATTRIBUTES: `deployment.environment.name=${props.environment}`,
  };
}

/** ConfigMap `storefront`: what the Deployment loads with envFrom. */
export class AppConfigMap extends Construct {
  /** The variables, as the pods get them. */
  readonly data: Readonly<Record<string, string>>;
  /**
   * sha256 of the data, put on the pod template so a config change rolls the pods. Over the
   * sorted entries: the order of keys in the environment file is no change to the pods.
   */
  readonly checksum: string;

  constructor(scope: Construct, id: string, props: AppConfigMapProps) {
    super(scope, id);
    const { labels, ...config } = props;
    const data = appConfig(config);
    this.data = data;
    this.checksum = createHash('sha256').update(JSON.stringify(Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))))).digest('hex');
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: names.configMap, labels, annotations: waveAnnotation(syncWave.prerequisites) },
      data,
    });
  }
}
