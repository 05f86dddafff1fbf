import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { Construct } from 'constructs';
import type { Environment } from '@storefront/environments';
import { names, namespaceName, syncWave, waveAnnotation } from '../names.js';
import { customResource } from './api-object.js';
import { sloAlerts, sloRecordingRules, storefrontRunbook } from './slo-rules.js';

/** What the alerts read of an environment: its name, thresholds and SLOs. */
export type AlertedEnvironment = Pick<Environment, 'name' | 'alerts' | 'slo'>;

export interface AlertRulesProps {
  readonly env: AlertedEnvironment;
  readonly labels: Record<string, string>;
}

/** One alert: the PromQL and its explanation. */
export interface Alert {
  readonly alert: string;
  readonly expr: string;
  readonly summary: string;
  readonly description: string;
}

/** The storefront's alerts for one environment, thresholds from environments/<env>.yaml. */
export function storefrontAlerts(env: AlertedEnvironment): Alert[] {
  const ns = namespaceName(env);
  const job = names.metricsService;
  const sel = `namespace="${ns}", job="${job}"`;
  const { alerts } = env;
  return [
    {
      alert: 'StorefrontHighErrorRate',
      expr: `(sum(rate(http_request_duration_seconds_count{${sel}, status_code=~"5.."}[5m])) / sum(rate(http_request_duration_seconds_count{${sel}}[5m]))) * 100 > ${alerts.errorRatePercent}`,
      summary: `More than ${alerts.errorRatePercent}% of storefront requests fail in ${env.name}`,
      description: 'The share of 5xx responses over 5 minutes is {{ $value | printf "%.1f" }}%.',
    },
    {
      alert: 'StorefrontHighLatencyP95',
      expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[5m]))) > ${alerts.latencyP95Seconds}`,
      summary: `storefront p95 latency above ${alerts.latencyP95Seconds}s in ${env.name}`,
      description: 'p95 request latency over 5 minutes is {{ $value | printf "%.2f" }}s.',
    },
    {
      alert: 'StorefrontPodRestarting',
      expr: `increase(kube_pod_container_status_restarts_total{namespace="${ns}", container="storefront"}[1h]) > ${alerts.restartsPerHour}`,
      summary: `A storefront container restarts often in ${env.name}`,
      description: 'Pod {{ $labels.pod }} restarted {{ $value | printf "%.0f" }} times in the last hour.',
    },
    {
      alert: 'StorefrontNotReady',
      expr: `kube_deployment_status_replicas_available{namespace="${ns}", deployment="${names.deployment}"} < kube_deployment_spec_replicas{namespace="${ns}", deployment="${names.deployment}"}`,
      summary: `storefront has pods that are not ready in ${env.name}`,
      description: 'Fewer replicas are available than desired: /readyz fails (database down or shutting down) or pods cannot start.',
    },
  ];
}

/** PrometheusRule `storefront`: error rate, p95 latency, restarts, readiness, and the SLO burn-rate alerts. */
export class AlertRules extends Construct {
  constructor(scope: Construct, id: string, props: AlertRulesProps) {
    super(scope, id);
    const { env } = props;
    customResource(
      this,
      'Resource',
      new PrometheusRule({
        metadata: { name: names.prometheusRule, labels: props.labels, annotations: waveAnnotation(syncWave.app) },
        spec: {
          groups: [
            {
              name: `storefront.${env.name}`,
              rules: storefrontAlerts(env).map((a) => ({
                alert: a.alert,
                expr: a.expr,
                for: env.alerts.for,
                labels: { severity: env.alerts.severity, environment: env.name, service: 'storefront' },
                annotations: { summary: a.summary, description: a.description, runbook_url: `${storefrontRunbook}#${a.alert.toLowerCase()}` },
              })),
            },
            { name: `storefront-slo-ratios.${env.name}`, rules: sloRecordingRules(env) },
            {
              name: `storefront-slo-burn.${env.name}`,
              rules: sloAlerts(env).map((a) => ({
                alert: a.alert,
                expr: a.expr,
                for: a.for,
                labels: { severity: a.severity, environment: env.name, service: 'storefront' },
                annotations: { summary: a.summary, description: a.description, runbook_url: `${storefrontRunbook}#${a.alert.toLowerCase()}` },
              })),
            },
          ],
        },
      }),
    );
  }
}
