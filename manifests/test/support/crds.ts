import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { platformFolder, platformRolloutOrder } from '../../src/argocd/platform.js';
import { repositoryRoot } from '../../src/repository.js';

// Custom resources of add-ons that publish no kubernetes-models package are validated against
// the add-on's own CustomResourceDefinition, at the chart version pinned in argocd/platform/dev/, so
// a Renovate bump validates against the CRDs it brings. Where the CRDs come from, in order:
//  1. PLATFORM_CRDS_DIR, laid out as <project>/<version>/<file> (a machine without network);
//  2. ../shared/crds beside the checkout, the same layout, where present;
//  3. upstream, at the release tag, cached under node_modules/.cache/platform-crds.

interface CrdSource {
  /** Directory name under the CRD folder, and the argocd/platform/<cluster>/<project>.yaml whose targetRevision pins it. */
  readonly project: string;
  readonly repository: string;
  /** Path of one CRD file in the upstream repository at its release tag. */
  readonly upstreamPath: (file: string) => string;
}

export const envoyGatewayCrds: CrdSource = {
  project: 'envoy-gateway',
  repository: 'envoyproxy/gateway',
  upstreamPath: (file) => `charts/gateway-helm/charts/crds/crds/generated/${file}`,
};

export const gatewayApiCrds: CrdSource = {
  project: 'gateway-api',
  repository: 'kubernetes-sigs/gateway-api',
  upstreamPath: (file) => `config/crd/standard/${file}`,
};

/**
 * The Gateway API release whose CRDs each Envoy Gateway release installs (its go.mod and
 * charts/gateway-helm/charts/crds). A Renovate bump of Envoy Gateway fails the tests until its
 * entry is added here, so the objects are validated against the CRDs the cluster will have.
 * The chart installs the experimental channel; the objects are checked against the standard
 * channel, its stricter subset, so they also hold where only the standard CRDs are installed.
 */
export const gatewayApiBundledWith: Readonly<Record<string, string>> = { 'v1.9.0': 'v1.6.1' };

export function pinnedGatewayApiVersion(): string {
  const envoyGateway = pinnedVersion(envoyGatewayCrds.project);
  const version = gatewayApiBundledWith[envoyGateway];
  if (!version) throw new Error(`Envoy Gateway ${envoyGateway}: which Gateway API release does it install? Add it to gatewayApiBundledWith (its go.mod names it).`);
  return version;
}

/**
 * targetRevision of argocd/platform/<cluster>/<project>.yaml: the version that cluster runs.
 * dev's by default: a bump lands there first, so a version whose CRDs reject a generated object
 * fails here before any cluster runs it (stage and prod run the same or an older one).
 */
export function pinnedVersion(project: string, cluster: string = platformRolloutOrder[0]): string {
  const file = path.join(repositoryRoot, 'argocd', platformFolder(cluster), `${project}.yaml`);
  const version = /^\s*targetRevision:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!version) throw new Error(`${file}: no targetRevision`);
  return version;
}

function localDirectories(): string[] {
  const fromEnvironment = process.env.PLATFORM_CRDS_DIR;
  return [...(fromEnvironment ? [fromEnvironment] : []), path.resolve(repositoryRoot, '..', 'shared', 'crds')];
}

/** The text of one CRD file of `source` at `version`. */
export async function crdFile(source: CrdSource, version: string, file: string): Promise<string> {
  for (const directory of localDirectories()) {
    const candidate = path.join(directory, source.project, version, file);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  const cached = path.join(repositoryRoot, 'node_modules', '.cache', 'platform-crds', source.project, version, file);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const url = `https://raw.githubusercontent.com/${source.repository}/${version}/${source.upstreamPath(file)}`;
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${String(response.status)} (set PLATFORM_CRDS_DIR to a folder holding ${source.project}/${version}/${file})`);
  const text = await response.text();
  mkdirSync(path.dirname(cached), { recursive: true });
  writeFileSync(cached, text);
  return text;
}

export interface CrdVersionSchema {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: Record<string, unknown>;
}

interface CrdDocument {
  kind: string;
  spec: { group: string; names: { kind: string }; versions: { name: string; served: boolean; schema: { openAPIV3Schema: Record<string, unknown> } }[] };
}

/** The served versions' OpenAPI schemas of every CRD in a file. */
export function schemasOf(text: string): CrdVersionSchema[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (!('toJS' in doc)) throw new Error('not a YAML stream');
    const crd = doc.toJS() as CrdDocument | null;
    if (crd?.kind !== 'CustomResourceDefinition') return [];
    return crd.spec.versions
      .filter((version) => version.served)
      .map((version) => ({ apiVersion: `${crd.spec.group}/${version.name}`, kind: crd.spec.names.kind, schema: version.schema.openAPIV3Schema }));
  });
}
