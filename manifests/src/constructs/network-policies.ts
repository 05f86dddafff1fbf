import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { otlpEndpointPattern } from '@storefront/environments';
import { appName, databasePodLabels, platform, ports, selectorLabels, syncWave, waveAnnotation } from '../names.js';

export interface NetworkPoliciesProps {
  readonly labels: Record<string, string>;
  /** The OpenTelemetry Collector the app sends traces to (environments: tracing.endpoint). */
  readonly collector: TraceCollector;
}

export interface TraceCollector {
  readonly namespace: string;
  readonly port: number;
}

/** Namespace and port of an in-cluster OTLP endpoint, as the environment schema allows it. */
export function traceCollector(endpoint: string): TraceCollector {
  const match = otlpEndpointPattern.exec(endpoint);
  if (match === null) throw new Error(`tracing.endpoint ${endpoint}: expected http://<service>.<namespace>.svc:<port>`);
  return { namespace: match[1] ?? '', port: Number(match[2]) };
}

const tcp = (port: number | string): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port) });
const inNamespace = (namespace: string, podLabels: Record<string, string>): k8s.NetworkPolicyPeer => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
  podSelector: { matchLabels: podLabels },
});
const dns: k8s.NetworkPolicyEgressRule = {
  to: [inNamespace(platform.dns.namespace, platform.dns.podLabels)],
  ports: [
    { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
    { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
  ],
};
/** Every pod of the app (web and migration Job). */
const appPods = { 'app.kubernetes.io/name': appName };

/** Labels and port of cert-manager's HTTP-01 solver pods. */
export const acmeSolverPodLabels = { 'acme.cert-manager.io/http01-solver': 'true' } as const;
const acmeSolverPort = 8089;

/** CloudNativePG's instance manager ports: status (8000) and metrics (9187). */
const cnpgStatusPort = 8000;
const cnpgMetricsPort = 9187;

/**
 * Default deny for every pod in the namespace, then the allowed paths: the Gateway's Envoy
 * proxies to the web pods' HTTP port (and to cert-manager's ACME solver), Prometheus to the metrics port, app pods to DNS and the
 * database, and the database pods' own traffic (clients, replication, operator, API server).
 */
export class NetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: NetworkPoliciesProps) {
    super(scope, id);
    const policy = (policyId: string, name: string, spec: k8s.NetworkPolicySpec) =>
      new k8s.KubeNetworkPolicy(this, policyId, { metadata: { name, labels: props.labels, annotations: waveAnnotation(syncWave.prerequisites) }, spec });

    policy('DefaultDeny', 'default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

    policy('WebFromGateway', `${appName}-from-gateway`, {
      podSelector: { matchLabels: selectorLabels('web') },
      policyTypes: ['Ingress'],
      ingress: [{ from: [inNamespace(platform.gateway.namespace, platform.gateway.podLabels)], ports: [tcp(ports.http.port)] }],
    });

    policy('WebFromMonitoring', `${appName}-from-monitoring`, {
      podSelector: { matchLabels: selectorLabels('web') },
      policyTypes: ['Ingress'],
      ingress: [{ from: [inNamespace(platform.monitoring.namespace, platform.monitoring.podLabels)], ports: [tcp(ports.metrics.port)] }],
    });

    // cert-manager's HTTP-01 solver pods answer the ACME challenge for the Certificate here.
    policy('AcmeSolver', 'acme-http01-solver', {
      podSelector: { matchLabels: acmeSolverPodLabels },
      policyTypes: ['Ingress'],
      ingress: [{ from: [inNamespace(platform.gateway.namespace, platform.gateway.podLabels)], ports: [tcp(acmeSolverPort)] }],
    });

    policy('AppEgress', `${appName}-egress`, {
      podSelector: { matchLabels: appPods },
      policyTypes: ['Egress'],
      egress: [
        dns,
        { to: [{ podSelector: { matchLabels: databasePodLabels() } }], ports: [tcp(ports.postgres.port)] },
        { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': props.collector.namespace } } }], ports: [tcp(props.collector.port)] },
      ],
    });

    policy('Database', `${appName}-db`, {
      podSelector: { matchLabels: databasePodLabels() },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [
        { from: [{ podSelector: { matchLabels: appPods } }], ports: [tcp(ports.postgres.port)] },
        { from: [{ podSelector: { matchLabels: databasePodLabels() } }], ports: [tcp(ports.postgres.port), tcp(cnpgStatusPort)] },
        { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': platform.databaseOperator.namespace } } }], ports: [tcp(cnpgStatusPort)] },
        { from: [inNamespace(platform.monitoring.namespace, platform.monitoring.podLabels)], ports: [tcp(cnpgMetricsPort)] },
      ],
      egress: [
        dns,
        { to: [{ podSelector: { matchLabels: databasePodLabels() } }], ports: [tcp(ports.postgres.port), tcp(cnpgStatusPort)] },
        // The instance manager talks to the Kubernetes API; its address is cluster-specific.
        { ports: [tcp(443), tcp(6443)] },
      ],
    });
  }
}
