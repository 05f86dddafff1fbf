import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { names, ports, rotation, selectorLabels, syncWave, waveAnnotation } from '../names.js';
import { appSecretKeys } from './external-secrets.js';
import { containerSecurityContext, podSecurityContext, tmpMount, tmpVolume } from './pod-security.js';

export interface WebDeploymentProps {
  /** The image reference the pods run (repository@digest). */
  readonly image: string;
  /** The release recorded beside the image, for `storefront_build_info`. */
  readonly release: Pick<Environment['image'], 'revision' | 'digest'>;
  readonly resources: Environment['resources'];
  /** Spread the pods over nodes strictly (more than one replica) or as far as possible. */
  readonly strictNodeSpread: boolean;
  readonly labels: Record<string, string>;
  /** The ConfigMap's data (what the pods get through envFrom): the grace period is computed from it. */
  readonly config: Readonly<Record<string, string>>;
  /** Checksum of the ConfigMap's data; a change rolls the pods (a Secret change rolls them through Reloader). */
  readonly configChecksum: string;
}

/**
 * The release the pod runs, for the app's `storefront_build_info` (the dashboard's deploy
 * markers). On the Deployment rather than in the ConfigMap: a release changes the image
 * anyway, and a digest change must touch only the Deployment and the Job.
 */
export function releaseEnv(release: WebDeploymentProps['release']): k8s.EnvVar[] {
  const variables: k8s.EnvVar[] = [];
  if (release.revision !== undefined) variables.push({ name: 'RELEASE_REVISION', value: release.revision });
  if (release.digest !== undefined) variables.push({ name: 'RELEASE_DIGEST', value: release.digest });
  return variables;
}

/** Seconds of slack between the app's own shutdown deadline and SIGKILL. */
export const terminationSlackSeconds = 5;

/**
 * The shop's Deployment: digest-pinned image, probes on /healthz and /readyz, requests and
 * limits, restricted security context, spread across zones and nodes. The HPA owns the
 * replica count, so none is set here.
 */
export class WebDeployment extends Construct {
  constructor(scope: Construct, id: string, props: WebDeploymentProps) {
    super(scope, id);
    const { labels, resources } = props;
    // SIGTERM to exit takes at most the drain delay plus the shutdown timeout (the app's server),
    // read from the very values the pod gets.
    const shutdownSeconds = Math.ceil((Number(props.config.SHUTDOWN_DRAIN_DELAY_MS) + Number(props.config.SHUTDOWN_TIMEOUT_MS)) / 1000);
    const podLabels = { ...labels, ...selectorLabels('web') };
    const spread = (topologyKey: string, whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway'): k8s.TopologySpreadConstraint => ({
      topologyKey,
      maxSkew: 1,
      whenUnsatisfiable,
      labelSelector: { matchLabels: selectorLabels('web') },
      matchLabelKeys: ['pod-template-hash'],
    });

    new k8s.KubeDeployment(this, 'Resource', {
      metadata: {
        name: names.deployment,
        labels: { ...labels, 'app.kubernetes.io/component': 'web' },
        // A rotated Secret (External Secrets rewrites it from the store) rolls the pods: the app
        // reads it only at start. Its content is not known here, so no checksum can do it.
        annotations: { ...waveAnnotation(syncWave.app), [rotation.reloaderSecretsAnnotation]: names.appSecret },
      },
      spec: {
        selector: { matchLabels: selectorLabels('web') },
        revisionHistoryLimit: 5,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: k8s.IntOrString.fromString('25%'), maxUnavailable: k8s.IntOrString.fromNumber(0) } },
        template: {
          metadata: { labels: podLabels, annotations: { 'bitshop.dev/config-checksum': props.configChecksum } },
          spec: {
            serviceAccountName: names.serviceAccount,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: podSecurityContext(),
            terminationGracePeriodSeconds: shutdownSeconds + terminationSlackSeconds,
            topologySpreadConstraints: [spread('topology.kubernetes.io/zone', 'ScheduleAnyway'), spread('kubernetes.io/hostname', props.strictNodeSpread ? 'DoNotSchedule' : 'ScheduleAnyway')],
            containers: [
              {
                name: 'storefront',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                ports: [
                  { name: ports.http.name, containerPort: ports.http.port, protocol: 'TCP' },
                  { name: ports.metrics.name, containerPort: ports.metrics.port, protocol: 'TCP' },
                ],
                envFrom: [{ configMapRef: { name: names.configMap } }],
                env: [...appSecretKeys.map((key) => ({ name: key, valueFrom: { secretKeyRef: { name: names.appSecret, key } } })), ...releaseEnv(props.release)],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString(resources.requests.cpu), memory: k8s.Quantity.fromString(resources.requests.memory) },
                  limits: { cpu: k8s.Quantity.fromString(resources.limits.cpu), memory: k8s.Quantity.fromString(resources.limits.memory) },
                },
                startupProbe: {
                  httpGet: { path: '/healthz', port: k8s.IntOrString.fromString(ports.http.name) },
                  periodSeconds: 2,
                  timeoutSeconds: 2,
                  failureThreshold: 30,
                },
                livenessProbe: {
                  httpGet: { path: '/healthz', port: k8s.IntOrString.fromString(ports.http.name) },
                  periodSeconds: 10,
                  timeoutSeconds: 2,
                  failureThreshold: 3,
                },
                readinessProbe: {
                  httpGet: { path: '/readyz', port: k8s.IntOrString.fromString(ports.http.name) },
                  periodSeconds: 5,
                  timeoutSeconds: 2,
                  failureThreshold: 2,
                },
                // No preStop hook: the app drains itself on SIGTERM (SHUTDOWN_DRAIN_DELAY_MS), failing
                // readiness and closing keep-alive connections as it answers; a preStop sleep would
                // only stack a second delay that does neither.
                securityContext: containerSecurityContext(),
                volumeMounts: [tmpMount],
              },
            ],
            volumes: [tmpVolume],
          },
        },
      },
    });
  }
}
