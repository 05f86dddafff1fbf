import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import { customResource } from '../constructs/api-object.js';
import { platform } from '../names.js';
import { githubRepository, targetRevision } from '../repository.js';
import { argocdNamespace } from './platform.js';

// The management cluster (where the one Argo CD and its notifications controller run) watches
// itself: a kube-prometheus-stack of its own (argocd/management/, written by hand like the
// environments' add-ons), and from argocd/monitoring/ (generated here) a ServiceMonitor for the
// notifications controller and the alerts that say when notifications stop reaching GitHub:
// without them a failed deploy sets no failing status and no verification starts, silently.

/** The AppProject of the management cluster's own monitoring: only its monitoring namespace. */
export const managementProjectName = 'platform-management';
/** Where the management cluster's Prometheus, Alertmanager, ServiceMonitor and rules live. */
export const managementMonitoringNamespace = platform.monitoring.namespace;
/** Hand-written Applications of the management cluster's add-ons (argocd/management/<add-on>.yaml). */
export const managementFolder = 'management';
/** Generated objects synced into the management cluster's monitoring namespace (argocd/monitoring/). */
export const monitoringFolder = 'monitoring';
/** The Application that syncs argocd/monitoring/ into the management cluster. */
export const monitoringApplicationName = 'monitoring-management';
/** The kube-prometheus-stack Application of the management cluster (argocd/management/kube-prometheus-stack.yaml). */
export const managementPrometheusApplicationName = 'kube-prometheus-stack-management';

/**
 * The notifications controller's metrics Service in Argo CD's install.yaml (at
 * argocdInstallVersion): name, label and port name. Prometheus's `job` label is the Service
 * name (the ServiceMonitor sets no jobLabel), which the alerts select on. The same manifest's
 * argocd-notifications-controller-network-policy admits port 9001 from every namespace, so
 * Prometheus in `monitoring` can scrape it.
 */
export const notificationsMetrics = {
  service: 'argocd-notifications-controller-metrics',
  selector: { 'app.kubernetes.io/name': 'argocd-notifications-controller-metrics' },
  portName: 'metrics',
  port: 9001,
} as const;

/**
 * Cluster-scoped kinds the kube-prometheus-stack chart installs (its CRDs, the operator's,
 * Prometheus's and kube-state-metrics' cluster roles, the admission webhooks), and the namespace
 * CreateNamespace makes: the management project allows these and nothing else cluster-wide.
 */
export const managementClusterKinds = [
  { group: '', kind: 'Namespace' },
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'admissionregistration.k8s.io', kind: 'MutatingWebhookConfiguration' },
  { group: 'admissionregistration.k8s.io', kind: 'ValidatingWebhookConfiguration' },
] as const;

/** The runbook of the notifications alerts, on the branch Argo CD syncs; `#<alert, lowercase>` is its section. */
export const notificationsRunbook = `https://github.com/${githubRepository}/blob/${targetRevision}/docs/runbooks/argocd-notifications.md`;

/** How far back a failed delivery keeps the alert firing. */
const failureWindow = '15m';
const job = `job="${notificationsMetrics.service}", namespace="${argocdNamespace}"`;
const failed = `argocd_notifications_deliveries_total{${job}, succeeded="false"}`;

export interface ManagementAlert {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'warning' | 'critical';
  readonly summary: string;
  readonly description: string;
}

export const notificationsAlerts: readonly ManagementAlert[] = [
  {
    alert: 'ArgoCdNotificationsDeliveryFailing',
    // increase() needs two samples of a series, and the failed-deliveries series of a trigger and
    // service only appears with its first failure (after every controller restart too): the
    // second half catches that first failure, a series that did not exist a window ago.
    expr: `sum by (service, trigger) (increase(${failed}[${failureWindow}])) > 0 or sum by (service, trigger) (${failed} unless ${failed} offset ${failureWindow})`,
    for: '0m',
    severity: 'warning',
    summary: 'Argo CD notifications fail to reach {{ $labels.service }}',
    description: `Notifications of trigger {{ $labels.trigger }} through {{ $labels.service }} failed in the last ${failureWindow}: a deploy set no commit status or started no verification. Usually the GitHub token in argocd-notifications-secret expired or lost a permission.`,
  },
  {
    alert: 'ArgoCdNotificationsControllerDown',
    expr: `absent(up{${job}} == 1)`,
    for: '10m',
    severity: 'warning',
    summary: 'The Argo CD notifications controller is not scraped',
    description: `Prometheus has had no successful scrape of ${notificationsMetrics.service} in ${argocdNamespace} for 10 minutes: the controller is down, or its metrics are unreachable. While it is down no deploy notification is sent.`,
  },
];

/** argocd/monitoring/: the ServiceMonitor of the notifications controller and its alerts, for the management cluster. */
export class ManagementMonitoringChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { disableResourceNameHashes: true });
    const labels = { 'app.kubernetes.io/part-of': 'bitshop' };
    customResource(
      this,
      'NotificationsServiceMonitor',
      new ServiceMonitor({
        metadata: { name: 'argocd-notifications-controller', namespace: managementMonitoringNamespace, labels },
        spec: {
          namespaceSelector: { matchNames: [argocdNamespace] },
          selector: { matchLabels: { ...notificationsMetrics.selector } },
          endpoints: [{ port: notificationsMetrics.portName, interval: '30s' }],
        },
      }),
    );
    customResource(
      this,
      'NotificationsRules',
      new PrometheusRule({
        metadata: { name: 'argocd-notifications', namespace: managementMonitoringNamespace, labels },
        spec: {
          groups: [
            {
              name: 'argocd-notifications',
              rules: notificationsAlerts.map((a) => ({
                alert: a.alert,
                expr: a.expr,
                for: a.for,
                // No `service` label: the delivery alert keeps the series' own (the notification service that failed).
                labels: { severity: a.severity, component: 'argocd-notifications' },
                annotations: { summary: a.summary, description: a.description, runbook_url: `${notificationsRunbook}#${a.alert.toLowerCase()}` },
              })),
            },
          ],
        },
      }),
    );
  }
}
