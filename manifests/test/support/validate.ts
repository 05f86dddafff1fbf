import { isDeepStrictEqual } from 'node:util';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { Certificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import { Cluster } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1/Cluster';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { Gateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import { GatewayClass } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import { ListenerSet } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ListenerSet';
import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { k8s } from 'cdk8s-plus-28';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { crdFile, envoyGatewayCrds, gatewayApiCrds, pinnedGatewayApiVersion, pinnedVersion, schemasOf } from './crds.js';
import { structuralValidator } from './structural-schema.js';

// Two independent checks, both from schemas published upstream, none written here:
//  1. kubernetes-models (generated from the Kubernetes OpenAPI and from the Argo CD,
//     External Secrets, prometheus-operator and CloudNativePG CRDs) checks types, enums and
//     required fields, but lets unknown fields through;
//  2. for built-in kinds, cdk8s-plus-28's generated serializers (from the Kubernetes 1.28
//     OpenAPI) copy only the fields the schema knows: an object that does not survive the
//     round trip unchanged has a field Kubernetes would reject or silently drop.
// Envoy Gateway publishes no models: its custom resources are checked against its own CRDs at
// the chart version argocd/platform/dev/envoy-gateway.yaml pins (support/crds.ts), unknown fields
// included. Gateway API objects are checked both ways: the models, and the CRDs of the Gateway
// API release that Envoy Gateway version installs.

interface Model {
  validate(): void;
}
type ModelClass = new (data: never) => Model;
type Serializer = (props: unknown) => unknown;

interface Kind {
  readonly model?: ModelClass;
  readonly serializer?: Serializer;
  /** Validation against the add-on's CRD, for kinds without a model. */
  readonly crd?: (object: unknown) => string[];
}

async function envoyGatewayKind(file: string, kind: string): Promise<[string, Kind]> {
  const version = pinnedVersion(envoyGatewayCrds.project);
  const schema = schemasOf(await crdFile(envoyGatewayCrds, version, file)).find((s) => s.kind === kind);
  if (!schema) throw new Error(`${file} at ${version}: no ${kind}`);
  return [`${schema.apiVersion}/${kind}`, { crd: structuralValidator(schema.schema) }];
}

const envoyGatewayKinds = Object.fromEntries(await Promise.all([envoyGatewayKind('gateway.envoyproxy.io_backendtrafficpolicies.yaml', 'BackendTrafficPolicy')]));

/** Strict-field validators for Gateway API kinds, from the CRDs at the release Envoy Gateway installs (v1 only). */
async function gatewayApiValidator(file: string, kind: string): Promise<(object: unknown) => string[]> {
  const version = pinnedGatewayApiVersion();
  const schema = schemasOf(await crdFile(gatewayApiCrds, version, file)).find((s) => s.kind === kind && s.apiVersion === 'gateway.networking.k8s.io/v1');
  if (!schema) throw new Error(`${file} at ${version}: no gateway.networking.k8s.io/v1 ${kind}`);
  return structuralValidator(schema.schema);
}

const [gatewayClassCrd, gatewayCrd, listenerSetCrd, httpRouteCrd] = await Promise.all([
  gatewayApiValidator('gateway.networking.k8s.io_gatewayclasses.yaml', 'GatewayClass'),
  gatewayApiValidator('gateway.networking.k8s.io_gateways.yaml', 'Gateway'),
  gatewayApiValidator('gateway.networking.k8s.io_listenersets.yaml', 'ListenerSet'),
  gatewayApiValidator('gateway.networking.k8s.io_httproutes.yaml', 'HTTPRoute'),
]);

const kinds: Record<string, Kind> = {
  'v1/Namespace': { model: Namespace, serializer: k8s.toJson_KubeNamespaceProps as Serializer },
  'v1/ServiceAccount': { model: ServiceAccount, serializer: k8s.toJson_KubeServiceAccountProps as Serializer },
  'v1/ConfigMap': { model: ConfigMap, serializer: k8s.toJson_KubeConfigMapProps as Serializer },
  'v1/Service': { model: Service, serializer: k8s.toJson_KubeServiceProps as Serializer },
  'apps/v1/Deployment': { model: Deployment, serializer: k8s.toJson_KubeDeploymentProps as Serializer },
  'batch/v1/Job': { model: Job, serializer: k8s.toJson_KubeJobProps as Serializer },
  'networking.k8s.io/v1/NetworkPolicy': { model: NetworkPolicy, serializer: k8s.toJson_KubeNetworkPolicyProps as Serializer },
  'autoscaling/v2/HorizontalPodAutoscaler': { model: HorizontalPodAutoscaler, serializer: k8s.toJson_KubeHorizontalPodAutoscalerV2Props as Serializer },
  'policy/v1/PodDisruptionBudget': { model: PodDisruptionBudget, serializer: k8s.toJson_KubePodDisruptionBudgetProps as Serializer },
  'external-secrets.io/v1/ExternalSecret': { model: ExternalSecret },
  'cert-manager.io/v1/Certificate': { model: Certificate },
  'postgresql.cnpg.io/v1/Cluster': { model: Cluster },
  'monitoring.coreos.com/v1/ServiceMonitor': { model: ServiceMonitor },
  'monitoring.coreos.com/v1/PrometheusRule': { model: PrometheusRule },
  'argoproj.io/v1alpha1/Application': { model: Application },
  'argoproj.io/v1alpha1/AppProject': { model: AppProject },
  'gateway.networking.k8s.io/v1/GatewayClass': { model: GatewayClass, crd: gatewayClassCrd },
  'gateway.networking.k8s.io/v1/Gateway': { model: Gateway, crd: gatewayCrd },
  'gateway.networking.k8s.io/v1/ListenerSet': { model: ListenerSet, crd: listenerSetCrd },
  'gateway.networking.k8s.io/v1/HTTPRoute': { model: HTTPRoute, crd: httpRouteCrd },
  ...envoyGatewayKinds,
};

export const knownKinds = Object.keys(kinds);

/** Wraps every primitive so the serializers' IntOrString/Quantity accessors (`.value`) work on plain JSON. */
function box(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(box);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, box(inner)]));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return Object.assign(Object(value) as object, { value });
  return value;
}

function unbox(value: unknown): unknown {
  if (value instanceof String || value instanceof Number || value instanceof Boolean) return value.valueOf();
  if (Array.isArray(value)) return value.map(unbox);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, unbox(inner)]));
  return value;
}

/** JSON paths present in `original` but not in `kept`. */
function droppedPaths(original: unknown, kept: unknown, at = ''): string[] {
  if (isDeepStrictEqual(original, kept)) return [];
  if (Array.isArray(original) && Array.isArray(kept)) return original.flatMap((item, index) => droppedPaths(item, kept[index], `${at}[${index}]`));
  if (original !== null && typeof original === 'object' && kept !== null && typeof kept === 'object') {
    return Object.entries(original).flatMap(([key, inner]) => (key in kept ? droppedPaths(inner, (kept as Record<string, unknown>)[key], `${at}.${key}`) : [`${at}.${key}`]));
  }
  return [`${at || '(object)'}: ${JSON.stringify(original)} became ${JSON.stringify(kept)}`];
}

/** Problems with one object, empty when it is valid. */
export function validateObject(object: unknown): string[] {
  if (object === null || typeof object !== 'object') return ['not an object'];
  const { apiVersion, kind, ...rest } = object as { apiVersion?: unknown; kind?: unknown };
  const key = `${String(apiVersion)}/${String(kind)}`;
  const entry = kinds[key];
  if (entry === undefined) return [`no schema for ${key}`];
  const problems: string[] = [];
  if (entry.model) {
    try {
      new entry.model(object as never).validate();
    } catch (error) {
      problems.push(`${key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (entry.crd) problems.push(...entry.crd(object).map((problem) => `${key}: ${problem}`));
  if (entry.serializer) {
    const kept = unbox(entry.serializer(box(rest)));
    problems.push(...droppedPaths(rest, kept).map((path) => `${key}: unknown field ${path}`));
  }
  return problems;
}
