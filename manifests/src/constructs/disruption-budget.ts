import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { names, selectorLabels, syncWave, waveAnnotation } from '../names.js';

export interface DisruptionBudgetProps {
  /** Pods that may be down at once during voluntary disruptions. */
  readonly maxUnavailable: number;
  readonly labels: Record<string, string>;
}

/**
 * Limits voluntary disruptions (node drains) of the web pods. cdk8s-plus-28 has no construct
 * for it, so this uses the generated KubePodDisruptionBudget.
 */
export class DisruptionBudget extends Construct {
  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    super(scope, id);
    new k8s.KubePodDisruptionBudget(this, 'Resource', {
      metadata: { name: names.disruptionBudget, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
      spec: {
        selector: { matchLabels: selectorLabels('web') },
        maxUnavailable: k8s.IntOrString.fromNumber(props.maxUnavailable),
        unhealthyPodEvictionPolicy: 'AlwaysAllow',
      },
    });
  }
}
