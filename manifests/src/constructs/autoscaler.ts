import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { names, syncWave, waveAnnotation } from '../names.js';

export interface AutoscalerProps {
  readonly autoscaling: Environment['autoscaling'];
  readonly labels: Record<string, string>;
}

/** Scales the Deployment on CPU between the environment's bounds; scales in slowly. */
export class Autoscaler extends Construct {
  constructor(scope: Construct, id: string, props: AutoscalerProps) {
    super(scope, id);
    const { autoscaling } = props;
    new k8s.KubeHorizontalPodAutoscalerV2(this, 'Resource', {
      metadata: { name: names.autoscaler, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: names.deployment },
        minReplicas: autoscaling.minReplicas,
        maxReplicas: autoscaling.maxReplicas,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: autoscaling.targetCpuUtilizationPercent } } }],
        behavior: {
          scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] },
        },
      },
    });
  }
}
