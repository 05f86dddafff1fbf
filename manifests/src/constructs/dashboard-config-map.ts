import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { storefrontDashboard } from '../dashboard/storefront-dashboard.js';
import { names, platform, syncWave, waveAnnotation } from '../names.js';

export interface DashboardConfigMapProps {
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** The file name the Grafana sidecar writes the dashboard to (one per ConfigMap key). */
export const dashboardFile = 'storefront.json';

/**
 * ConfigMap `storefront-dashboard`: the storefront's Grafana dashboard, which the Grafana of
 * kube-prometheus-stack loads through its dashboard sidecar (label `grafana_dashboard: "1"`,
 * every namespace), opening on this environment's namespace.
 */
export class DashboardConfigMap extends Construct {
  constructor(scope: Construct, id: string, props: DashboardConfigMapProps) {
    super(scope, id);
    new k8s.KubeConfigMap(this, 'Resource', {
      metadata: { name: names.dashboard, labels: { ...props.labels, ...platform.monitoring.dashboardLabel }, annotations: waveAnnotation(syncWave.app) },
      data: { [dashboardFile]: `${JSON.stringify(storefrontDashboard(props.namespace), null, 2)}\n` },
    });
  }
}
