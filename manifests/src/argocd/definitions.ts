import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Chart } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { customResource } from '../constructs/api-object.js';
import { names, namespaceName, rotation } from '../names.js';
import { argocdPath, manifestsPath, repoURL, targetRevision } from '../repository.js';
import { environmentLabels, notifications, notificationsConfig, subscriptionAnnotation } from './notifications.js';
import { argocdNamespace, inClusterServer, notificationsConfigMapLabels, platformAddOns } from './platform.js';

export const projects = { storefront: 'storefront', platform: 'platform' } as const;
export const rootApplicationName = 'root';

export function environmentApplicationName(env: Pick<Environment, 'name'>): string {
  return `storefront-${env.name}`;
}

/** Sync waves inside the root app: projects and the notifications config, then add-ons (CRDs), then the environments. */
const wave = { projects: '-2', platform: '-1', environments: '0' } as const;

export interface ArgoCdChartProps {
  readonly environments: readonly Environment[];
  /** group/kind of every namespaced object the environment charts produce. */
  readonly namespacedKinds: readonly { group: string; kind: string }[];
}

/**
 * The generated part of argocd/: both AppProjects, the root app-of-apps, one Application
 * per environment (subscribed to the verification dispatch) and argocd-notifications-cm.
 * argocd/platform/*.yaml are written by hand (Renovate bumps their chart versions) and
 * checked against platformAddOns by the tests.
 */
export class ArgoCdChart extends Chart {
  constructor(scope: Construct, id: string, props: ArgoCdChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const meta = (name: string, syncWave: string) => ({
      name,
      namespace: argocdNamespace,
      labels: { 'app.kubernetes.io/part-of': 'bitshop' },
      annotations: { 'argocd.argoproj.io/sync-wave': syncWave },
    });

    customResource(
      this,
      'StorefrontProject',
      new AppProject({
        metadata: meta(projects.storefront, wave.projects),
        spec: {
          description: 'The storefront in dev, stage and prod: only this repository, only the three namespaces.',
          sourceRepos: [repoURL],
          destinations: props.environments.map((env) => ({ server: inClusterServer, namespace: namespaceName(env) })),
          clusterResourceWhitelist: [{ group: '', kind: 'Namespace' }],
          namespaceResourceWhitelist: [...props.namespacedKinds],
          orphanedResources: { warn: true },
        },
      }),
    );

    customResource(
      this,
      'PlatformProject',
      new AppProject({
        metadata: meta(projects.platform, wave.projects),
        spec: {
          description: 'Cluster add-ons and the Argo CD definitions themselves (the root app).',
          sourceRepos: [repoURL, ...platformAddOns.map((addOn) => addOn.repoURL)],
          destinations: [argocdNamespace, ...platformAddOns.map((addOn) => addOn.namespace)].map((namespace) => ({ server: inClusterServer, namespace })),
          clusterResourceWhitelist: [{ group: '*', kind: '*' }],
        },
      }),
    );

    customResource(
      this,
      'Root',
      new Application({
        metadata: meta(rootApplicationName, wave.projects),
        spec: {
          project: projects.platform,
          source: { repoURL, targetRevision, path: argocdPath, directory: { recurse: true } },
          destination: { server: inClusterServer, namespace: argocdNamespace },
          syncPolicy: { automated: { prune: true, selfHeal: true }, retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } } },
        },
      }),
    );

    // Synced by the root app (argocd/notifications/), in the platform project's argocd destination.
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
            finalizers: ['resources-finalizer.argocd.argoproj.io'],
          },
          spec: {
            project: projects.storefront,
            source: { repoURL, targetRevision, path: manifestsPath(env.name), directory: { recurse: false } },
            destination: { server: inClusterServer, namespace: namespaceName(env) },
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
    }
  }
}
