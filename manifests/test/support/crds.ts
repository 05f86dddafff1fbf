import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { platformFolder, platformRolloutOrder } from '../../src/argocd/platform.js';
import { repositoryRoot } from '../../src/repository.js';

// Custom resources of add-ons that publish no kubernetes-models package are validated against
// the add-on's own CustomResourceDefinition, at the chart version pinned in argocd/platform/dev/, so
// a Renovate bump validates against the CRDs it brings; the API-server stage (test/apiserver/)
// installs every add-on's CRDs at the versions each cluster's argocd/platform/<env>/ pins.
// Where the CRDs come from, in order:
//  1. PLATFORM_CRDS_DIR, laid out as <project>/<version>/<file> (a machine without network);
//  2. ../shared/crds beside the checkout, the same layout, where present;
//  3. upstream, at the release tag, cached under node_modules/.cache/platform-crds.

export interface CrdSource {
  /** Directory name under the CRD folder, and the argocd/platform/<cluster>/<project>.yaml whose targetRevision pins it. */
  readonly project: string;
  readonly repository: string;
  /** The upstream Git tag of a version (the chart's tag for charts released from a shared repository). */
  readonly tag: (version: string) => string;
  /** The folder holding the CRD files in the upstream repository at that tag. */
  readonly directory: string;
  /** Which files of that folder are CRDs (upstream keeps a kustomization.yaml or a policy beside them). */
  readonly files: RegExp;
}

const releaseTag = (version: string): string => version;

export const envoyGatewayCrds: CrdSource = {
  project: 'envoy-gateway',
  repository: 'envoyproxy/gateway',
  tag: releaseTag,
  directory: 'charts/gateway-helm/charts/crds/crds/generated',
  files: /^gateway\.envoyproxy\.io_[a-z]+\.yaml$/,
};

export const gatewayApiCrds: CrdSource = {
  project: 'gateway-api',
  repository: 'kubernetes-sigs/gateway-api',
  tag: releaseTag,
  directory: 'config/crd/standard',
  // vap_safeupgrades is a ValidatingAdmissionPolicy, not a CRD.
  files: /^gateway\.networking\.k8s\.io_(?!vap_)[a-z]+\.yaml$/,
};

export const certManagerCrds: CrdSource = {
  project: 'cert-manager',
  repository: 'cert-manager/cert-manager',
  tag: releaseTag,
  directory: 'deploy/crds',
  files: /^[a-z.-]+_[a-z]+\.yaml$/,
};

export const externalSecretsCrds: CrdSource = {
  project: 'external-secrets',
  repository: 'external-secrets/external-secrets',
  tag: (version) => `helm-chart-${version}`,
  directory: 'config/crds/bases',
  files: /^[a-z.-]+_[a-z]+\.yaml$/,
};

export const cloudnativePgCrds: CrdSource = {
  project: 'cloudnative-pg',
  repository: 'cloudnative-pg/charts',
  tag: (version) => `cloudnative-pg-v${version}`,
  directory: 'charts/cloudnative-pg/templates/crds',
  files: /^crds\.yaml$/,
};

export const kubePrometheusStackCrds: CrdSource = {
  project: 'kube-prometheus-stack',
  repository: 'prometheus-community/helm-charts',
  tag: (version) => `kube-prometheus-stack-${version}`,
  directory: 'charts/kube-prometheus-stack/charts/crds/crds',
  files: /^crd-[a-z]+\.yaml$/,
};

export const argoCdCrds: CrdSource = {
  project: 'argo-cd',
  repository: 'argoproj/argo-cd',
  tag: releaseTag,
  directory: 'manifests/crds',
  files: /^[a-z]+-crd\.yaml$/,
};

/** Add-ons of an environment's cluster that bring CRDs, each at the chart version argocd/platform/<cluster>/ pins. */
export const clusterCrdSources: readonly CrdSource[] = [certManagerCrds, externalSecretsCrds, cloudnativePgCrds, kubePrometheusStackCrds, envoyGatewayCrds];

/**
 * The Gateway API release whose CRDs each Envoy Gateway release installs (its go.mod and
 * charts/gateway-helm/charts/crds). A Renovate bump of Envoy Gateway fails the tests until its
 * entry is added here, so the objects are validated against the CRDs the cluster will have.
 * The chart installs the experimental channel; the objects are checked against the standard
 * channel, its stricter subset, so they also hold where only the standard CRDs are installed.
 */
export const gatewayApiBundledWith: Readonly<Record<string, string>> = { 'v1.9.0': 'v1.6.1' };

export function pinnedGatewayApiVersion(cluster: string = platformRolloutOrder[0]): string {
  return gatewayApiInstalledBy(pinnedVersion(envoyGatewayCrds.project, cluster));
}

function gatewayApiInstalledBy(envoyGateway: string): string {
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
  return targetRevisionOf(path.join(repositoryRoot, 'argocd', platformFolder(cluster), `${project}.yaml`));
}

function targetRevisionOf(file: string): string {
  const version = /^\s*targetRevision:\s*(\S+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!version) throw new Error(`${file}: no targetRevision`);
  return version;
}

function localDirectories(): string[] {
  const fromEnvironment = process.env.PLATFORM_CRDS_DIR;
  return [...(fromEnvironment ? [fromEnvironment] : []), path.resolve(repositoryRoot, '..', 'shared', 'crds')];
}

// Chart templates wrap CRDs in `{{- if .Values.crds.create }}` ... `{{- end }}` lines: rendered with
// the chart's defaults those lines vanish, so they are removed from a downloaded copy.
const templateLine = /^\s*\{\{.*\}\}\s*$/;
function withoutTemplateLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !templateLine.test(line))
    .join('\n');
}

function cacheDirectory(source: CrdSource, version: string): string {
  return path.join(repositoryRoot, 'node_modules', '.cache', 'platform-crds', source.project, version);
}

async function download(url: string, what: string): Promise<string> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  if (!response.ok) throw new Error(`${url}: HTTP ${String(response.status)} (set PLATFORM_CRDS_DIR to a folder holding ${what})`);
  return response.text();
}

/** The text of one CRD file of `source` at `version`. */
export async function crdFile(source: CrdSource, version: string, file: string): Promise<string> {
  for (const directory of localDirectories()) {
    const candidate = path.join(directory, source.project, version, file);
    if (existsSync(candidate)) return readFileSync(candidate, 'utf8');
  }
  const cached = path.join(cacheDirectory(source, version), file);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const tag = source.tag(version);
  const text = withoutTemplateLines(await download(`https://raw.githubusercontent.com/${source.repository}/${tag}/${source.directory}/${file}`, `${source.project}/${version}/${file}`));
  mkdirSync(path.dirname(cached), { recursive: true });
  writeFileSync(cached, text);
  return text;
}

/** The CRD file names of `source` at `version`: a local copy's listing, or upstream's folder at the tag. */
export async function crdFileNames(source: CrdSource, version: string): Promise<string[]> {
  for (const directory of localDirectories()) {
    const candidate = path.join(directory, source.project, version);
    if (existsSync(candidate)) return readdirSync(candidate).filter((file) => /\.ya?ml$/.test(file)).sort();
  }
  const listing = path.join(cacheDirectory(source, version), '.files.json');
  if (existsSync(listing)) return JSON.parse(readFileSync(listing, 'utf8')) as string[];
  const url = `https://api.github.com/repos/${source.repository}/contents/${source.directory}?ref=${encodeURIComponent(source.tag(version))}`;
  const entries = JSON.parse(await download(url, `${source.project}/${version}/`)) as { name: string; type: string }[];
  const names = entries.filter((entry) => entry.type === 'file' && source.files.test(entry.name)).map((entry) => entry.name).sort();
  if (names.length === 0) throw new Error(`${url}: no CRD files matching ${String(source.files)}`);
  mkdirSync(path.dirname(listing), { recursive: true });
  writeFileSync(listing, JSON.stringify(names));
  return names;
}

/** One add-on's CRDs at one version. */
export interface CrdRelease {
  readonly source: CrdSource;
  readonly version: string;
}

/** The CRDs a cluster gets from its add-ons at the versions argocd/platform/<cluster>/ pins, with the Gateway API release its Envoy Gateway installs. */
export function clusterCrdReleases(cluster: string): CrdRelease[] {
  return [...clusterCrdSources.map((source) => ({ source, version: pinnedVersion(source.project, cluster) })), { source: gatewayApiCrds, version: pinnedGatewayApiVersion(cluster) }];
}

/**
 * The CRDs of whichever add-ons a folder of add-on Applications (`<project>.yaml` each, such as a
 * cluster's own folder beside argocd/platform/) installs, at the versions it pins; none for a
 * missing folder or add-ons without CRDs.
 */
export function crdReleasesIn(folder: string): CrdRelease[] {
  const directory = path.join(repositoryRoot, folder);
  if (!existsSync(directory)) return [];
  const releases = clusterCrdSources.flatMap((source) => {
    const file = path.join(directory, `${source.project}.yaml`);
    return existsSync(file) ? [{ source, version: targetRevisionOf(file) }] : [];
  });
  const envoyGateway = releases.find(({ source }) => source === envoyGatewayCrds);
  return envoyGateway ? [...releases, { source: gatewayApiCrds, version: gatewayApiInstalledBy(envoyGateway.version) }] : releases;
}

/** Every CustomResourceDefinition document of a release, in file order. */
export async function crdDocuments({ source, version }: CrdRelease): Promise<Record<string, unknown>[]> {
  const files = await crdFileNames(source, version);
  const texts = await Promise.all(files.map((file) => crdFile(source, version, file)));
  return texts.flatMap((text, index) =>
    parseAllDocuments(text).flatMap((doc) => {
      if (!('toJS' in doc)) throw new Error(`${source.project}/${version}/${files[index] ?? ''}: not a YAML stream`);
      const value = doc.toJS() as Record<string, unknown> | null;
      return value?.kind === 'CustomResourceDefinition' ? [value] : [];
    }),
  );
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
