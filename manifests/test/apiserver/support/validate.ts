import { crdDocuments } from '../../support/crds.js';
import { refusal, type ApiAnswer, type ApiClient, type ManifestObject } from './client.js';
import type { SourcedObject, ValidationGroup } from './groups.js';

// What the API server makes of a group's objects. CRDs are installed for real and awaited until
// Established; Namespaces are created for real and must enforce the `restricted` Pod Security
// level; ServiceAccounts are created for real (the ServiceAccount admission plugin refuses a pod
// whose account does not exist). Everything else is sent twice with dryRun=All and
// fieldValidation=Strict: created, as client-side `kubectl apply` and Argo CD's default sync send a
// new object (an unknown field is a 400 "strict decoding error"), and server-side applied, as
// syncs with ServerSideApply=true send it (structured-merge typing: duplicate list keys, and an
// unknown field as a 500 "field not declared in schema"). Pod Security admission enforces on Pods
// only (a Deployment just gets a warning), so a Pod built from every workload's pod template is
// dry-run created as well. Any refusal and any Warning header is a failure, named by file and object.

export const podSecurityLevel = 'restricted';

/**
 * Warnings accepted by name, each with its reason; anything else the server warns about fails.
 * A rule no run needs any more must be removed (groups.test.ts fails on an unused one).
 */
export interface AcceptedWarning {
  readonly kind: string;
  readonly warning: RegExp;
  readonly reason: string;
}

export const acceptedWarnings: readonly AcceptedWarning[] = [];
const enforceLabel = 'pod-security.kubernetes.io/enforce';

export interface Failure {
  readonly file: string;
  readonly object: string;
  readonly problem: string;
}

export interface GroupReport {
  readonly crds: number;
  readonly objects: number;
  readonly pods: number;
  readonly crdSeconds: number;
  readonly applySeconds: number;
  readonly failures: readonly Failure[];
  /** Warnings matched by acceptedWarnings, with the rule that matched. */
  readonly accepted: readonly (Failure & { readonly rule: AcceptedWarning })[];
}

function label(object: ManifestObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

function problemsOf(answer: ApiAnswer): string[] {
  if (answer.status < 200 || answer.status > 299) return [refusal(answer)];
  return answer.warnings.map((warning) => `warning: ${warning}`);
}

async function allLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

const seconds = (since: number): number => (performance.now() - since) / 1000;

async function waitEstablished(client: ApiClient, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const answer = await client.call('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`);
    const conditions = (answer.body as { status?: { conditions?: { type: string; status: string; message?: string }[] } }).status?.conditions ?? [];
    if (conditions.some((c) => c.type === 'Established' && c.status === 'True')) return;
    const refused = conditions.find((c) => c.type === 'NamesAccepted' && c.status === 'False');
    if (refused) throw new Error(`CRD ${name}: names not accepted: ${refused.message ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`CRD ${name}: not Established in 60s`);
}

/** Installs the group's CRDs for real; returns how many. A CRD the server refuses fails the group at once. */
export async function installCrds(client: ApiClient, group: ValidationGroup): Promise<number> {
  const crds = (await Promise.all(group.crds.map((release) => crdDocuments(release).then((docs) => docs.map((doc) => ({ release, doc })))))).flat();
  // Created, not server-side applied: tracking field ownership over schemas of thousands of
  // fields costs the server seconds per CRD and checks nothing here.
  await allLimited(crds, 8, async ({ release, doc }) => {
    const crd = doc as unknown as ManifestObject;
    const answer = await client.create(crd, { dryRun: false });
    if (answer.status < 200 || answer.status > 299) throw new Error(`${release.source.project} ${release.version}: CRD ${crd.metadata.name}: ${refusal(answer)}`);
  });
  await allLimited(crds, 8, async ({ doc }) => {
    await waitEstablished(client, (doc as unknown as ManifestObject).metadata.name);
  });
  return crds.length;
}

/**
 * Creates the group's Namespaces for real: its own Namespace objects (which must enforce
 * `restricted`) and, labelled `restricted`, any other namespace its objects name.
 */
export async function createNamespaces(client: ApiClient, objects: readonly SourcedObject[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  const own = objects.filter(({ object }) => object.apiVersion === 'v1' && object.kind === 'Namespace');
  for (const { file, object } of own) {
    if (object.metadata.labels?.[enforceLabel] !== podSecurityLevel) failures.push({ file, object: label(object), problem: `not labelled ${enforceLabel}: ${podSecurityLevel}` });
    failures.push(...problemsOf(await client.apply(object, { dryRun: false })).map((problem) => ({ file, object: label(object), problem })));
  }
  const named = new Set(objects.flatMap(({ object }) => (object.metadata.namespace ? [object.metadata.namespace] : [])));
  for (const name of named) {
    if (own.some(({ object }) => object.metadata.name === name)) continue;
    const namespace: ManifestObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { [enforceLabel]: podSecurityLevel } } };
    const answer = await client.apply(namespace, { dryRun: false });
    if (answer.status < 200 || answer.status > 299) throw new Error(`namespace ${name}: ${refusal(answer)}`);
  }
  return failures;
}

interface PodSpecHolder {
  spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown }; jobTemplate?: { spec?: { template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown } } } };
}

/** A Pod with a workload's pod template, as its controller would create it; undefined for other kinds. */
export function podOf(object: ManifestObject): ManifestObject | undefined {
  const holder = object as unknown as PodSpecHolder;
  const template = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(object.kind) ? holder.spec?.template : object.kind === 'CronJob' ? holder.spec?.jobTemplate?.spec?.template : undefined;
  if (!template?.spec) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${object.metadata.name}-from-${object.kind.toLowerCase()}`, namespace: object.metadata.namespace ?? '', labels: template.metadata?.labels ?? {} },
    spec: template.spec,
  };
}

/** Applies a group's objects to a server that has its CRDs; every refusal or warning is a failure. */
export async function applyObjects(client: ApiClient, objects: readonly SourcedObject[]): Promise<{ objects: number; pods: number; failures: Failure[]; accepted: (Failure & { rule: AcceptedWarning })[] }> {
  const failures = await createNamespaces(client, objects);
  const accepted: (Failure & { rule: AcceptedWarning })[] = [];
  const fail = (file: string, object: ManifestObject) => (problems: string[]) => {
    for (const problem of problems) {
      const prefix = ['', 'create: ', 'server-side apply: ', 'as a Pod: '].map((request) => `${request}warning: `).find((start) => problem.startsWith(start));
      const warning = prefix === undefined ? undefined : problem.slice(prefix.length);
      const rule = warning === undefined ? undefined : acceptedWarnings.find((r) => r.kind === object.kind && r.warning.test(warning));
      if (rule) accepted.push({ file, object: label(object), problem, rule });
      else failures.push({ file, object: label(object), problem });
    }
  };
  const rest = objects.filter(({ object }) => !(object.apiVersion === 'v1' && object.kind === 'Namespace'));
  // Accounts first and for real: the pods below name them.
  const accounts = rest.filter(({ object }) => object.apiVersion === 'v1' && object.kind === 'ServiceAccount');
  for (const { file, object } of accounts) fail(file, object)(problemsOf(await client.apply(object, { dryRun: false })));
  const others = rest.filter((entry) => !accounts.includes(entry));
  await allLimited(others, 6, async ({ file, object }) => {
    fail(file, object)(problemsOf(await client.create(object, { dryRun: true }).catch((error: unknown) => failed(error))).map((problem) => `create: ${problem}`));
    fail(file, object)(problemsOf(await client.apply(object, { dryRun: true }).catch((error: unknown) => failed(error))).map((problem) => `server-side apply: ${problem}`));
  });
  const pods = others.flatMap(({ file, object }) => {
    const pod = podOf(object);
    return pod ? [{ file, object, pod }] : [];
  });
  await allLimited(pods, 6, async ({ file, object, pod }) => {
    fail(file, object)(problemsOf(await client.create(pod, { dryRun: true }).catch((error: unknown) => failed(error))).map((problem) => `as a Pod: ${problem}`));
  });
  return { objects: objects.length, pods: pods.length, failures, accepted };
}

function failed(error: unknown): ApiAnswer {
  return { status: 0, body: { message: error instanceof Error ? error.message : String(error) }, warnings: [] };
}

/** Installs a group's CRDs into a fresh server and applies its objects. */
export async function validateGroup(client: ApiClient, group: ValidationGroup): Promise<GroupReport> {
  const crdStarted = performance.now();
  const crds = await installCrds(client, group);
  const crdSeconds = seconds(crdStarted);
  const applyStarted = performance.now();
  const applied = await applyObjects(client, group.objects);
  return { crds, ...applied, crdSeconds, applySeconds: seconds(applyStarted) };
}
