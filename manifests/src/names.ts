import type { Environment } from '@storefront/environments';

// Every name and label shared by more than one construct (Service selectors, NetworkPolicy
// selectors, Secret keys, alert queries) comes from here, so they cannot drift apart.

export const appName = 'storefront';
export const partOf = 'bitshop';

export function namespaceName(env: Pick<Environment, 'name'>): string {
  return `${appName}-${env.name}`;
}

export const names = {
  serviceAccount: appName,
  configMap: appName,
  appSecret: appName,
  deployment: appName,
  service: appName,
  metricsService: `${appName}-metrics`,
  route: appName,
  redirectRoute: `${appName}-https-redirect`,
  listenerSet: appName,
  tlsSecret: `${appName}-tls`,
  autoscaler: appName,
  disruptionBudget: appName,
  migrationJob: `${appName}-migrate`,
  serviceMonitor: appName,
  prometheusRule: appName,
  dashboard: `${appName}-dashboard`,
  database: `${appName}-db`,
  // Not <cluster>-app: CloudNativePG generates that name itself when it owns the password.
  databaseSecret: `${appName}-db-credentials`,
  databaseName: 'app',
  databaseUser: 'app',
} as const;

/** Container ports, by the names the Service, probes, ServiceMonitor and policies use. */
export const ports = {
  http: { name: 'http', port: 8080 },
  metrics: { name: 'metrics', port: 9464 },
  postgres: { name: 'postgres', port: 5432 },
} as const;

export type Component = 'web' | 'migrate';

/** Labels on every object this app owns. */
export function commonLabels(env: Pick<Environment, 'name'>): Record<string, string> {
  return {
    'app.kubernetes.io/name': appName,
    'app.kubernetes.io/instance': namespaceName(env),
    'app.kubernetes.io/part-of': partOf,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/** Labels that select the pods of one component (the Deployment's selector is immutable: keep it small). */
export function selectorLabels(component: Component): Record<string, string> {
  return { 'app.kubernetes.io/name': appName, 'app.kubernetes.io/component': component };
}

/** Labels CloudNativePG puts on the database pods of a cluster. */
export function databasePodLabels(): Record<string, string> {
  return { 'cnpg.io/cluster': names.database };
}

/**
 * The CloudNativePG operand image: PostgreSQL 17, `standard` flavour (the successor of the
 * deprecated `system` images) on Debian trixie. Renovate moves the minor version within
 * `-standard-trixie`; a change of major or Debian base is a deliberate change (locale data).
 */
export const postgresImage = 'ghcr.io/cloudnative-pg/postgresql:17.11-standard-trixie';

/** Where cluster add-ons run; NetworkPolicies and the platform AppProject use these. */
export const platform = {
  /**
   * The platform's Gateway (argocd/platform/gateway/), run by Envoy Gateway. Its proxy pods run
   * in the controller's namespace with the labels Envoy Gateway v1.9 gives them (EnvoyAppLabel
   * plus the owning Gateway's name and namespace).
   */
  gateway: {
    namespace: 'envoy-gateway-system',
    name: 'storefront',
    className: 'envoy',
    controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
    /** The Gateway's plain-HTTP listener: redirects to HTTPS and cert-manager's HTTP-01 challenges. */
    httpListener: 'http',
    /** Name of each environment's HTTPS listener, in its ListenerSet. */
    httpsListener: 'https',
    /** Namespaces with this label may attach listeners and routes to the Gateway. */
    namespaceLabels: { 'gateway.bitshop.dev/storefront': 'attach' },
    podLabels: {
      'app.kubernetes.io/name': 'envoy',
      'app.kubernetes.io/component': 'proxy',
      'app.kubernetes.io/managed-by': 'envoy-gateway',
      'gateway.envoyproxy.io/owning-gateway-name': 'storefront',
      'gateway.envoyproxy.io/owning-gateway-namespace': 'envoy-gateway-system',
    },
  },
  /**
   * kube-prometheus-stack. Its Grafana's dashboard sidecar loads every ConfigMap carrying
   * `dashboardLabel` from every namespace (the values argocd/platform/<env>/kube-prometheus-stack.yaml
   * sets, which are also the chart's defaults).
   */
  monitoring: { namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' }, dashboardLabel: { grafana_dashboard: '1' } },
  dns: { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' } },
  databaseOperator: { namespace: 'cnpg-system' },
  certManager: { namespace: 'cert-manager' },
  externalSecrets: { namespace: 'external-secrets' },
  reloader: { namespace: 'reloader' },
} as const;

/**
 * Secret rotation. Stakater Reloader (platform add-on `reloader`, `annotations` strategy) rolls a
 * Deployment that names a Secret in `reloaderSecretsAnnotation` when that Secret changes, by
 * stamping `reloaderStampAnnotation` on its pod template; CloudNativePG applies a role's new
 * password at once when its password Secret carries `cnpgReloadLabel`.
 */
export const rotation = {
  reloaderSecretsAnnotation: 'secret.reloader.stakater.com/reload',
  reloaderStampAnnotation: 'reloader.stakater.com/last-reloaded-from',
  cnpgReloadLabel: { 'cnpg.io/reload': 'true' },
} as const;

/**
 * Argo CD sync waves, all in the Sync phase. Argo CD applies a wave only once every object of
 * the waves before it is Healthy (its built-in health checks cover ExternalSecret and the
 * CloudNativePG Cluster), so on an empty cluster the migration Job finds its Secret and a
 * running database, and the new pods roll only after the migration Job succeeded.
 */
export const syncWave = { namespace: -3, prerequisites: -2, database: -1, migration: 0, app: 1 } as const;

export function waveAnnotation(wave: number): Record<string, string> {
  return { 'argocd.argoproj.io/sync-wave': String(wave) };
}

/**
 * On objects whose deletion loses data (the Namespace, the database Cluster): Argo CD never
 * prunes them, and keeps them when their Application is deleted.
 */
export const keepOnDelete: Record<string, string> = { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' };
