import { ServiceMonitor as ServiceMonitorModel } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Construct } from 'constructs';
import { names, ports, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';
import { metricsServiceLabels } from './services.js';

export interface ServiceMonitorProps {
  readonly labels: Record<string, string>;
  /**
   * Scrape interval.
   * @default '30s'
   */
  readonly interval?: string;
}

/** Tells the Prometheus operator to scrape GET /metrics on the `metrics` port of `storefront-metrics`. */
export class ServiceMonitor extends Construct {
  constructor(scope: Construct, id: string, props: ServiceMonitorProps) {
    super(scope, id);
    customResource(
      this,
      'Resource',
      new ServiceMonitorModel({
        metadata: { name: names.serviceMonitor, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
        spec: {
          selector: { matchLabels: { ...metricsServiceLabels } },
          endpoints: [{ port: ports.metrics.name, path: '/metrics', interval: props.interval ?? '30s', scrapeTimeout: '10s' }],
        },
      }),
    );
  }
}
