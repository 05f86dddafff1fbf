import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { names, ports, selectorLabels, syncWave, waveAnnotation } from '../names.js';

export interface ServicesProps {
  readonly labels: Record<string, string>;
}

/** Labels on the metrics Service, which the ServiceMonitor selects. */
export const metricsServiceLabels = { 'app.kubernetes.io/name': 'storefront', 'bitshop.dev/metrics': 'true' } as const;

/**
 * Two Services over the web pods: `storefront` (HTTP only, the Ingress backend) and
 * `storefront-metrics` (the metrics port only, for Prometheus). Keeping metrics off the
 * Ingress's Service means no Ingress rule can ever reach them.
 */
export class Services extends Construct {
  constructor(scope: Construct, id: string, props: ServicesProps) {
    super(scope, id);
    const selector = selectorLabels('web');
    new k8s.KubeService(this, 'Http', {
      metadata: { name: names.service, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [{ name: ports.http.name, port: 80, targetPort: k8s.IntOrString.fromString(ports.http.name), protocol: 'TCP' }],
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
