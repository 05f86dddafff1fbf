import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { names, ports, selectorLabels, syncWave, waveAnnotation } from '../names.js';

export interface ServicesProps {
  readonly labels: Record<string, string>;
}

/** Labels on the metrics Service, which the ServiceMonitor selects. */
export const metricsServiceLabels = { 'app.kubernetes.io/name': 'storefront', 'bitshop.dev/metrics': 'true' } as const;

/**
 * Two Services over the web pods: `storefront` (HTTP only, the HTTPRoute's backend) and
 * `storefront-metrics` (the metrics port only, for Prometheus). Keeping metrics off the
 * HTTPRoute's Service means no route can ever reach them.
 */
/** The `storefront` Service's HTTP port, the one the HTTPRoute sends to. */
export const httpServicePort = 80;

export class Services extends Construct {
  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const selector = selectorLabels('web');
    new k8s.KubeService(this, 'Http', {
      metadata: { name: names.service, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: ports.http.name, port: httpServicePort, targetPort: k8s.IntOrString.fromString(ports.http.name), protocol: 'TCP' }],
      },
    });
    new k8s.KubeService(this, 'Metrics', {
      metadata: { name: names.metricsService, labels: { ...props.labels, ...metricsServiceLabels }, annotations: waveAnnotation(syncWave.app) },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: ports.metrics.name, port: ports.metrics.port, targetPort: k8s.IntOrString.fromString(ports.metrics.name), protocol: 'TCP' }],
      },
    });
  }
}
