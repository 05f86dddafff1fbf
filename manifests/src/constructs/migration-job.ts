import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { names, selectorLabels, syncWave, waveAnnotation } from '../names.js';
import { containerSecurityContext, podSecurityContext, tmpMount, tmpVolume } from './pod-security.js';

export interface MigrationJobProps {
  /** The image reference the Deployment runs too (repository@digest). */
  readonly image: string;
  readonly labels: Record<string, string>;
  /**
   * Longest a migration may run before the Job (and with it the sync) fails.
   * @default 600
   */
  readonly deadlineSeconds?: number;
}

/**
 * `node dist/cli/migrate.js` from the same image, as an Argo CD Sync-phase hook in its own wave:
 * after the Secret, ConfigMap, ServiceAccount and database are Healthy, before the Deployment's
 * wave, so a new version's pods start on a migrated schema. Not PreSync: PreSync runs before
 * anything of the Sync phase exists, which on an empty namespace means no Secret and no database.
 * The hook Job is replaced on every sync (BeforeHookCreation) and kept afterwards so its logs
 * can be read.
 */
export class MigrationJob extends Construct {
  constructor(scope: Construct, id: string, props: MigrationJobProps) {
    super(scope, id);
    const { labels } = props;
    const podLabels = { ...labels, ...selectorLabels('migrate') };
    new k8s.KubeJob(this, 'Resource', {
      metadata: {
        name: names.migrationJob,
        labels: { ...labels, 'app.kubernetes.io/component': 'migrate' },
        annotations: { ...waveAnnotation(syncWave.migration), 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
      },
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: props.deadlineSeconds ?? 600,
        template: {
          metadata: { labels: podLabels },
          spec: {
            restartPolicy: 'Never',
            serviceAccountName: names.serviceAccount,
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            securityContext: podSecurityContext(),
            containers: [
              {
                name: 'migrate',
                image: props.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['node', 'dist/cli/migrate.js'],
                env: [
                  { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: names.appSecret, key: 'DATABASE_URL' } } },
                  { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: names.configMap, key: 'LOG_LEVEL' } } },
                ],
                resources: {
                  requests: { cpu: k8s.Quantity.fromString('50m'), memory: k8s.Quantity.fromString('128Mi') },
                  limits: { cpu: k8s.Quantity.fromString('500m'), memory: k8s.Quantity.fromString('256Mi') },
                },
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
