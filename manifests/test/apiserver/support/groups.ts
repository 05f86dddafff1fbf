import { existsSync } from 'node:fs';
import path from 'node:path';
import { environmentNames } from '@storefront/environments';
import { argocdInstallVersion } from '../../../src/argocd/platform.js';
import { repositoryRoot } from '../../../src/repository.js';
import { argoCdCrds, clusterCrdReleases, crdReleasesIn, type CrdRelease } from '../../support/crds.js';
import { readYamlDocuments, yamlFilesUnder } from '../../support/yaml-files.js';
import type { ManifestObject } from './client.js';

// What each test API server holds. Each environment's cluster runs the add-on versions
// argocd/platform/<env>/ pins (dev's move first), so its manifests/<env> objects are checked against
// that cluster's CRDs; environments whose clusters pin the same versions share one server. The
// shared Gateway (argocd/gateway/) is synced into every environment's cluster, so it is checked in
// each of those groups. The rest of argocd/ (Applications, AppProjects, the notifications
// ConfigMap, and whatever the management cluster runs itself) goes to the management cluster's
// server: Argo CD's CRDs at the release the bootstrap installs, plus the CRDs of any add-on the
// management cluster pins in argocd/management/<project>.yaml.

export interface SourcedObject {
  /** Repository-relative file the object comes from. */
  readonly file: string;
  readonly object: ManifestObject;
}

export interface ValidationGroup {
  readonly name: string;
  readonly crds: readonly CrdRelease[];
  readonly objects: readonly SourcedObject[];
}

const gatewayFolder = path.join('argocd', 'gateway');

function objectsUnder(folder: string, skip: (file: string) => boolean = () => false): SourcedObject[] {
  return yamlFilesUnder(path.join(repositoryRoot, folder))
    .map((file) => path.relative(repositoryRoot, file))
    .filter((file) => !skip(file))
    .flatMap((file) => readYamlDocuments(path.join(repositoryRoot, file)).map((object) => ({ file, object: object as ManifestObject })));
}

function describeReleases(releases: readonly CrdRelease[]): string {
  return releases.map(({ source, version }) => `${source.project} ${version}`).join(', ');
}

/** Environments grouped by their clusters' add-on versions, each group with its manifests and the shared Gateway. */
export function clusterGroups(): ValidationGroup[] {
  const byVersions = new Map<string, { environments: string[]; crds: CrdRelease[] }>();
  for (const env of environmentNames) {
    if (!existsSync(path.join(repositoryRoot, 'manifests', env))) throw new Error(`manifests/${env}: missing (run npm run synth)`);
    const crds = clusterCrdReleases(env);
    const key = describeReleases(crds);
    const group = byVersions.get(key) ?? { environments: [], crds };
    group.environments.push(env);
    byVersions.set(key, group);
  }
  return [...byVersions.values()].map(({ environments, crds }) => ({
    name: `clusters ${environments.join('+')}`,
    crds,
    objects: [...environments.flatMap((env) => objectsUnder(path.join('manifests', env))), ...objectsUnder(gatewayFolder)],
  }));
}

/** The management cluster's own add-on Applications, where it has any (argocd/management/<project>.yaml). */
export const managementAddOnFolder = path.join('argocd', 'management');

/** The management cluster: every argocd/ object but the Gateway, with Argo CD's CRDs and its own add-ons'. */
export function managementGroup(): ValidationGroup {
  return {
    name: 'management (argocd/)',
    crds: [{ source: argoCdCrds, version: argocdInstallVersion }, ...crdReleasesIn(managementAddOnFolder)],
    objects: objectsUnder('argocd', (file) => file.startsWith(gatewayFolder + path.sep)),
  };
}

export function validationGroups(): ValidationGroup[] {
  return [...clusterGroups(), managementGroup()];
}

export { describeReleases };
