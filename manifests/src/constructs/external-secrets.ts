import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { names, ports, rotation, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';

export interface AppSecretsProps {
  readonly secrets: Environment['secrets'];
  /** The environment's namespace, where the database's read-write Service is. */
  readonly namespace: string;
  readonly labels: Record<string, string>;
}

/** Keys of the app's Secret, as environment variable names the app reads. */
export const appSecretKeys = ['DATABASE_URL', 'SESSION_SECRET', 'ADMIN_PASSWORD_HASH'] as const;

/** Properties the environment's secret (in the ClusterSecretStore) must hold. */
export const remoteProperties = { sessionSecret: 'session-secret', adminPasswordHash: 'admin-password-hash', dbPassword: 'db-password' } as const;

/**
 * Two ExternalSecrets from one remote key: `storefront` (DATABASE_URL, SESSION_SECRET,
 * ADMIN_PASSWORD_HASH for the app and the migration Job) and `storefront-db-credentials` (the
 * basic-auth Secret CloudNativePG creates the database owner with). DATABASE_URL is templated
 * from the same password, so the two can never disagree.
 */
export class AppSecrets extends Construct {
  constructor(scope: Construct, id: string, props: AppSecretsProps) {
    super(scope, id);
    const { secrets, labels } = props;
    const secretStoreRef = { kind: 'ClusterSecretStore', name: secrets.clusterSecretStore } as const;
    const remote = (secretKey: string, property: string) => ({ secretKey, remoteRef: { key: secrets.key, property } });
    const databaseHost = `${names.database}-rw.${props.namespace}.svc`;

    customResource(
      this,
      'App',
      new ExternalSecret({
        metadata: { name: names.appSecret, labels, annotations: waveAnnotation(syncWave.prerequisites) },
        spec: {
          refreshInterval: secrets.refreshInterval,
          secretStoreRef,
          target: {
            name: names.appSecret,
            creationPolicy: 'Owner',
            template: {
              engineVersion: 'v2',
              type: 'Opaque',
              data: {
                DATABASE_URL: `postgresql://${names.databaseUser}:{{ .dbPassword | urlquery }}@${databaseHost}:${ports.postgres.port}/${names.databaseName}`,
                SESSION_SECRET: '{{ .sessionSecret }}',
                ADMIN_PASSWORD_HASH: '{{ .adminPasswordHash }}',
              },
            },
          },
          data: [
            remote('dbPassword', remoteProperties.dbPassword),
            remote('sessionSecret', remoteProperties.sessionSecret),
            remote('adminPasswordHash', remoteProperties.adminPasswordHash),
          ],
        },
      }),
    );

    customResource(
      this,
      'Database',
      new ExternalSecret({
        metadata: { name: names.databaseSecret, labels, annotations: waveAnnotation(syncWave.prerequisites) },
        spec: {
          refreshInterval: secrets.refreshInterval,
          secretStoreRef,
          target: {
            name: names.databaseSecret,
            creationPolicy: 'Owner',
            template: {
              engineVersion: 'v2',
              type: 'kubernetes.io/basic-auth',
              // CloudNativePG watches Secrets with this label and applies a changed password at once.
              metadata: { labels: rotation.cnpgReloadLabel },
              data: { username: names.databaseUser, password: '{{ .dbPassword }}' },
            },
          },
          data: [remote('dbPassword', remoteProperties.dbPassword)],
        },
      }),
    );
  }
}
