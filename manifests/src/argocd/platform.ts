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

/**
 * The cluster Argo CD runs in (its own API server, as Argo CD names it). Argo CD runs in a
 * management cluster of its own that runs no environment: only the root app-of-apps targets it
 * (argocd namespace: Applications, AppProjects, the notifications ConfigMap). Every
 * environment and every add-on targets its environment's cluster by name (environments/<env>.yaml
 * `cluster`).
 */
export const inClusterServer = 'https://kubernetes.default.svc';

/** Hand-written add-on Applications of one environment's cluster: argocd/platform/<env>/<add-on>.yaml. */
export function platformFolder(env: string): string {
  return `platform/${env}`;
}

/** The Application installing `addOn` in `env`'s cluster (names are unique across clusters in Argo CD's namespace). */
export function platformApplicationName(addOn: Pick<PlatformAddOn, 'name'>, env: string): string {
  return `${addOn.name}-${env}`;
}

/**
 * The order a platform change travels through the clusters: a Renovate bump lands on dev's files
 * (argocd/platform/dev/), stage's and prod's follow by a deliberate pull request each (renovate.json
 * holds them for approval), and the tests refuse a cluster ahead of the one before it.
 */
export const platformRolloutOrder = ['dev', 'stage', 'prod'] as const;

/**
 * A cluster add-on, installed in each environment's cluster by a hand-written Application in
 * argocd/platform/<env>/<name>.yaml from a Helm chart. Its chart version lives only in those
 * files, where Renovate's argocd manager updates it (dev's first); the tests check each file
 * against this entry.
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
