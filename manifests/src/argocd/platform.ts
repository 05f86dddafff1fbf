import { platform } from '../names.js';

/** The namespace Argo CD runs in; Applications and AppProjects live there. */
export const argocdNamespace = 'argocd';
/**
 * The Argo CD release the bootstrap installs (argocd/README.md, where Renovate bumps it); the
 * tests check that the README installs this one.
 */
export const argocdInstallVersion = 'v3.5.1';

/**
 * The labels Argo CD's install.yaml (at argocdInstallVersion) gives argocd-notifications-cm.
 * The root app applies the same object; different labels would make the two fight.
 */
export const notificationsConfigMapLabels = {
  'app.kubernetes.io/component': 'notifications-controller',
  'app.kubernetes.io/name': 'argocd-notifications-controller',
  'app.kubernetes.io/part-of': 'argocd',
} as const;

/** The cluster Argo CD deploys to (its own). */
export const inClusterServer = 'https://kubernetes.default.svc';

/**
 * A cluster add-on, installed by a hand-written Application in argocd/platform/<name>.yaml
 * from a Helm chart. Its chart version lives only in that file, where Renovate's argocd
 * manager updates it; the tests check the file against this entry.
 */
export interface PlatformAddOn {
  readonly name: string;
  readonly namespace: string;
  readonly repoURL: string;
  readonly chart: string;
  /** Why the storefront needs it. */
  readonly purpose: string;
}

export const platformAddOns: readonly PlatformAddOn[] = [
  { name: 'envoy-gateway', namespace: platform.gateway.namespace, repoURL: 'registry-1.docker.io/envoyproxy', chart: 'gateway-helm', purpose: 'Gateway API implementation (GatewayClass envoy) behind the shared Gateway storefront' },
  { name: 'cert-manager', namespace: platform.certManager.namespace, repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', purpose: 'TLS certificates for the environments\' hosts, HTTP-01 through the Gateway' },
  { name: 'external-secrets', namespace: platform.externalSecrets.namespace, repoURL: 'https://charts.external-secrets.io', chart: 'external-secrets', purpose: 'syncs the app and database Secrets from the secret store' },
  { name: 'kube-prometheus-stack', namespace: platform.monitoring.namespace, repoURL: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', purpose: 'Prometheus operator, Prometheus, Alertmanager, kube-state-metrics' },
  { name: 'metrics-server', namespace: 'kube-system', repoURL: 'https://kubernetes-sigs.github.io/metrics-server', chart: 'metrics-server', purpose: 'resource metrics the HorizontalPodAutoscalers scale on (skip where the provider runs one)' },
  { name: 'reloader', namespace: platform.reloader.namespace, repoURL: 'https://stakater.github.io/stakater-charts', chart: 'reloader', purpose: 'rolls the storefront pods when External Secrets rewrites their Secret (a rotated password)' },
  { name: 'cloudnative-pg', namespace: platform.databaseOperator.namespace, repoURL: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', purpose: 'PostgreSQL operator (runs each environment\'s storefront-db Cluster)' },
];
