import { JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { keepOnDelete, syncWave, waveAnnotation } from '../names.js';

export interface NamespaceProps {
  readonly name: string;
  readonly labels: Record<string, string>;
  /**
   * Pod Security Standard the namespace enforces.
   * @default 'restricted'
   */
  readonly podSecurity?: 'restricted' | 'baseline';
}

/** The environment's Namespace, enforcing a Pod Security Standard. */
export class Namespace extends Construct {
  constructor(scope: Construct, id: string, props: NamespaceProps) {
    super(scope, id);
    const level = props.podSecurity ?? 'restricted';
    const namespace = new k8s.KubeNamespace(this, 'Resource', {
      metadata: {
        name: props.name,
        labels: {
          ...props.labels,
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/audit': level,
          'pod-security.kubernetes.io/warn': level,
        },
        annotations: { ...waveAnnotation(syncWave.namespace), ...keepOnDelete },
      },
    });
    // The chart sets metadata.namespace on every object; a Namespace is cluster-scoped.
    namespace.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}
