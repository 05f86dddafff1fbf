import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { keepOnDelete, names, postgresImage, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';

export interface DatabaseProps {
  readonly database: Environment['database'];
  readonly labels: Record<string, string>;
}

/**
 * The environment's PostgreSQL 17, run by the CloudNativePG operator: `storefront-db-rw` is
 * the primary's Service. The owner's password comes from the `storefront-db-credentials` Secret,
 * at bootstrap and after every change to it.
 */
export class Database extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { database, labels } = props;
    customResource(
      this,
      'Cluster',
      new Cluster({
        metadata: { name: names.database, labels, annotations: { ...waveAnnotation(syncWave.database), ...keepOnDelete } },
        spec: {
          instances: database.instances,
          imageName: postgresImage,
          primaryUpdateStrategy: 'unsupervised',
          enableSuperuserAccess: false,
          storage: { size: database.storageSize, ...(database.storageClass === undefined ? {} : { storageClass: database.storageClass }) },
          affinity: { enablePodAntiAffinity: true, topologyKey: 'kubernetes.io/hostname' },
          bootstrap: { initdb: { database: names.databaseName, owner: names.databaseUser, secret: { name: names.databaseSecret } } },
          // bootstrap.initdb reads the password once; as a managed role the owner's password
          // follows the Secret whenever External Secrets rewrites it (a rotation).
          managed: { roles: [{ name: names.databaseUser, ensure: 'present', login: true, passwordSecret: { name: names.databaseSecret } }] },
          inheritedMetadata: { labels },
        },
      }),
    );
  }
}
