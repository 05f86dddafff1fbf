import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { environmentPath, type Environment } from '@storefront/environments';
import { customResource } from '../constructs/api-object.js';
import { names, namespaceName, platform, rotation } from '../names.js';
import { argocdPath, manifestsPath, repoURL, targetRevision } from '../repository.js';
import { environmentLabels, notifications, notificationsConfig, subscriptionAnnotation } from './notifications.js';
import { managementClusterKinds, managementMonitoringNamespace, managementProjectName, monitoringApplicationName, monitoringFolder } from './management.js';
import { argocdNamespace, inClusterServer, notificationsConfigMapLabels, platformAddOns } from './platform.js';

// Deleting an Application deletes what it deployed, foreground (dependents first). The
// path-qualified name is the one Argo CD defines for that policy
// (ForegroundPropagationPolicyFinalizer); the bare name means the same but draws a warning from
// the API server, which wants finalizer names qualified with a path.
export const cascadeDeleteFinalizer = 'resources-finalizer.argocd.argoproj.io/foreground';

export const rootApplicationName = 'root';
/** The project of the root app: only Argo CD's own namespace in Argo CD's own cluster. */
export const argocdProjectName = 'argocd';

export function environmentApplicationName(env: Pick<Environment, 'name'>): string {
  return `storefront-${env.name}`;
}
/** The environment's AppProject: its namespace in its cluster, nothing else. */
export function storefrontProjectName(env: Pick<Environment, 'name'>): string {
  return `storefront-${env.name}`;
}
/** The AppProject of the add-ons and the Gateway in an environment's cluster. */
export function platformProjectName(env: Pick<Environment, 'name'>): string {
  return `platform-${env.name}`;
}
/** The Application that syncs argocd/gateway/ into an environment's cluster. */
export function gatewayApplicationName(env: Pick<Environment, 'name'>): string {
  return `gateway-${env.name}`;
}
/**
 * Files of argocd/ the root app leaves out: argocd/gateway/ belongs in the environments' clusters,
 * through gateway-<env>; argocd/monitoring/ in the management cluster's monitoring namespace,
 * through monitoring-management (the root's project allows neither).
 */
export const rootExclude = `{gateway/*,${monitoringFolder}/*}`;

/** Sync waves inside the root app: projects and the notifications config, then add-ons (CRDs), then the environments. */
const wave = { projects: '-2', platform: '-1', environments: '0' } as const;

export interface ArgoCdChartProps {
  readonly environments: readonly Environment[];
  /** group/kind of every namespaced object the environment charts produce. */
  readonly namespacedKinds: readonly { group: string; kind: string }[];
}

/** Throws, naming both, when two environments name the same cluster: one environment per cluster. */
function assertOneEnvironmentPerCluster(environments: readonly Environment[]): void {
  const byCluster = new Map<string, Environment['name']>();
  for (const env of environments) {
    const other = byCluster.get(env.cluster);
    if (other !== undefined) throw new Error(`${environmentPath(other)} and ${environmentPath(env.name)} both name cluster ${env.cluster}: each environment runs in a cluster of its own`);
    byCluster.set(env.cluster, env.name);
  }
}

/**
 * The generated part of argocd/, for one Argo CD (in a management cluster) that manages the
 * three environments' clusters by their Argo CD cluster names: the root app-of-apps and its
 * project (Argo CD's own namespace only), per environment an AppProject for the storefront and
 * one for its cluster's platform (each allowing only that cluster), the environment's
 * Application (subscribed to the verification dispatch), the Application that puts the
 * shared Gateway into its cluster, and argocd-notifications-cm. The add-ons' Applications,
 * argocd/platform/<env>/*.yaml, are written by hand (Renovate bumps their chart versions) and
 * checked against platformAddOns by the tests.
 */
export class ArgoCdChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    assertOneEnvironmentPerCluster(props.environments);
    const meta = (name: string, syncWave: string) => ({
      name,
      namespace: argocdNamespace,
      labels: { 'app.kubernetes.io/part-of': 'bitshop' },
      annotations: { 'argocd.argoproj.io/sync-wave': syncWave },
    });

    customResource(
      this,
      'ArgoCdProject',
      new AppProject({
        metadata: meta(argocdProjectName, wave.projects),
        spec: {
          description: 'The root app-of-apps: Applications, AppProjects and the notifications ConfigMap in Argo CD\'s own namespace of the management cluster; nothing else.',
          sourceRepos: [repoURL],
          destinations: [{ server: inClusterServer, namespace: argocdNamespace }],
          clusterResourceWhitelist: [],
          namespaceResourceWhitelist: [
            { group: '', kind: 'ConfigMap' },
            { group: 'argoproj.io', kind: 'AppProject' },
            { group: 'argoproj.io', kind: 'Application' },
          ],
        },
      }),
    );

    // The management cluster's own monitoring (argocd/management/, argocd/monitoring/): its
    // monitoring namespace and the cluster-scoped kinds kube-prometheus-stack installs, nothing else.
    customResource(
      this,
      'ManagementProject',
      new AppProject({
        metadata: meta(managementProjectName, wave.projects),
        spec: {
          description: `Monitoring of the management cluster Argo CD runs in (Prometheus and Alertmanager, the notifications controller's alerts): only its ${managementMonitoringNamespace} namespace.`,
          sourceRepos: [repoURL, ...platformAddOns.filter((addOn) => addOn.name === 'kube-prometheus-stack').map((addOn) => addOn.repoURL)],
          destinations: [{ server: inClusterServer, namespace: managementMonitoringNamespace }],
          clusterResourceWhitelist: managementClusterKinds.map((k) => ({ ...k })),
        },
      }),
    );
    customResource(
      this,
      'ManagementMonitoring',
      new Application({
        metadata: { ...meta(monitoringApplicationName, wave.environments), finalizers: [cascadeDeleteFinalizer] },
        spec: {
          project: managementProjectName,
          source: { repoURL, targetRevision, path: `${argocdPath}/${monitoringFolder}`, directory: { recurse: false } },
          destination: { server: inClusterServer, namespace: managementMonitoringNamespace },
          syncPolicy: {
            automated: { prune: true, selfHeal: true },
            syncOptions: ['ServerSideApply=true'],
            // The ServiceMonitor and PrometheusRule CRDs arrive with kube-prometheus-stack-management (wave -1).
            retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
          },
        },
      }),
    );

    for (const env of props.environments) {
      customResource(
        this,
        `StorefrontProject-${env.name}`,
        new AppProject({
          metadata: meta(storefrontProjectName(env), wave.projects),
          spec: {
            description: `The storefront in ${env.name}: only this repository, only namespace ${namespaceName(env)} in cluster ${env.cluster}.`,
            sourceRepos: [repoURL],
            destinations: [{ name: env.cluster, namespace: namespaceName(env) }],
            clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
            namespaceResourceWhitelist: [...props.namespacedKinds],
            orphanedResources: { warn: true },
          },
        }),
      );

      customResource(
        this,
        `PlatformProject-${env.name}`,
        new AppProject({
          metadata: meta(platformProjectName(env), wave.projects),
          spec: {
            description: `Cluster add-ons and the shared Gateway in ${env.name}'s cluster ${env.cluster}: only the add-ons' namespaces there.`,
            sourceRepos: [repoURL, ...platformAddOns.map((addOn) => addOn.repoURL)],
            destinations: platformAddOns.map((addOn) => ({ name: env.cluster, namespace: addOn.namespace })),
            clusterResourceWhitelist: [{ group: '*', kind: '*' }],
          },
        }),
      );
    }

    customResource(
      this,
      'Root',
      new Application({
        metadata: meta(rootApplicationName, wave.projects),
        spec: {
          project: argocdProjectName,
          source: { repoURL, targetRevision, path: argocdPath, directory: { recurse: true, exclude: rootExclude } },
          destination: { server: inClusterServer, namespace: argocdNamespace },
          syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } },
        },
      }),
    );

    // Synced by the root app (argocd/notifications/), in the argocd project's one destination:
    // one notifications controller, next to the one Argo CD, watches every environment's Application.
    // Argo CD's install.yaml creates this ConfigMap empty; it carries exactly that manifest's
    // labels (argocdInstallVersion), so re-applying the install manifest and the root app never
    // fight over them.
    new k8s.KubeConfigMap(this, 'NotificationsConfig', {
      metadata: { ...meta(notifications.configMap, wave.projects), labels: notificationsConfigMapLabels },
      data: notificationsConfig(),
    });

    for (const env of props.environments) {
      const base = meta(environmentApplicationName(env), wave.environments);
      customResource(
        this,
        `Env-${env.name}`,
        new Application({
          metadata: {
            ...base,
            labels: { ...base.labels, ...environmentLabels(env) },
            annotations: { ...base.annotations, ...subscriptionAnnotation },
            finalizers: [cascadeDeleteFinalizer],
          },
          spec: {
            project: storefrontProjectName(env),
            source: { repoURL, targetRevision, path: manifestsPath(env.name), directory: { recurse: false } },
            destination: { name: env.cluster, namespace: namespaceName(env) },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['PruneLast=true', 'ApplyOutOfSyncOnly=true', 'RespectIgnoreDifferences=true', 'ServerSideApply=true'],
              // Generous: on a new cluster the add-ons' CRDs (ExternalSecret, Cluster, ServiceMonitor) arrive while this retries.
              retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
            },
            // The HorizontalPodAutoscaler owns the replica count; Reloader stamps the pod template
            // when a Secret rotates (another field manager, kept by server-side apply).
            ignoreDifferences: [
              {
                group: 'apps',
                kind: 'Deployment',
                name: names.deployment,
                jsonPointers: ['/spec/replicas', `/spec/template/metadata/annotations/${rotation.reloaderStampAnnotation.replaceAll('~', '~0').replaceAll('/', '~1')}`],
              },
            ],
            revisionHistoryLimit: 10,
          },
        }),
      );

      // The shared Gateway (argocd/gateway/, written by hand) in the environment's cluster, after
      // that cluster's add-ons: Envoy Gateway brings the Gateway API CRDs its objects need.
      customResource(
        this,
        `Gateway-${env.name}`,
        new Application({
          metadata: { ...meta(gatewayApplicationName(env), wave.environments), finalizers: [cascadeDeleteFinalizer] },
          spec: {
            project: platformProjectName(env),
            source: { repoURL, targetRevision, path: `${argocdPath}/gateway`, directory: { recurse: false } },
            destination: { name: env.cluster, namespace: platform.gateway.namespace },
            syncPolicy: {
              automated: { prune: true, selfHeal: true },
              syncOptions: ['ServerSideApply=true'],
              retry: { limit: 10, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
            },
          },
        }),
      );
    }
  }
}
