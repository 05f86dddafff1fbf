import { loadEnvironments, type Environment } from '@storefront/environments';
import { render, type KubeObject } from '../../src/synth.js';

export const environments: readonly Environment[] = loadEnvironments();
/** One synthesis shared by every test in a file. */
export const rendered = render(environments);

export function objectsOf(env: Environment): readonly KubeObject[] {
  const objects = rendered.objects.get(env.name);
  if (!objects) throw new Error(`no objects for ${env.name}`);
  return objects;
}

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the shape it reads
export function find<T = Record<string, unknown>>(objects: readonly KubeObject[], kind: string, name?: string): T {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found) throw new Error(`no ${kind}${name ? ` ${name}` : ''}`);
  return found as unknown as T;
}

export function all<T = Record<string, unknown>>(objects: readonly KubeObject[], kind: string): T[] {
  return objects.filter((o) => o.kind === kind) as unknown as T[];
}

export { readYamlDocuments, yamlFilesUnder } from './yaml-files.js';

// Shapes the policy tests read (only what they look at).
export interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
  startupProbe?: { httpGet?: { path: string; port: string | number } };
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
    privileged?: boolean;
    capabilities?: { drop?: string[]; add?: string[] };
    seccompProfile?: { type: string };
  };
  volumeMounts?: { name: string; mountPath: string }[];
}

export interface PodTemplate {
  metadata: { labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    containers: Container[];
    initContainers?: Container[];
    serviceAccountName?: string;
    automountServiceAccountToken?: boolean;
    securityContext?: { runAsNonRoot?: boolean; seccompProfile?: { type: string } };
    terminationGracePeriodSeconds?: number;
    topologySpreadConstraints?: { topologyKey: string; labelSelector: { matchLabels: Record<string, string> } }[];
    volumes?: { name: string; emptyDir?: unknown }[];
  };
}

export interface Workload {
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec: { replicas?: number; selector?: { matchLabels: Record<string, string> }; template: PodTemplate };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: unknown[];
}

export function selects(selector: LabelSelector, labels: Record<string, string>): boolean {
  if (selector.matchExpressions && selector.matchExpressions.length > 0) throw new Error('matchExpressions are not used here');
  return Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
}
