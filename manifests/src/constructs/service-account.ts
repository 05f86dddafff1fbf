import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { syncWave, waveAnnotation } from '../names.js';

export interface ServiceAccountProps {
  readonly name: string;
  readonly labels: Record<string, string>;
}

/** The pods' identity. The app never calls the Kubernetes API, so no token is mounted. */
export class ServiceAccount extends Construct {
  constructor(scope: Construct, id: string, props: ServiceAccountProps) {
    super(scope, id);
    new k8s.KubeServiceAccount(this, 'Resource', {
      metadata: { name: props.name, labels: props.labels, annotations: waveAnnotation(syncWave.prerequisites) },
      automountServiceAccountToken: false,
    });
  }
}
