import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnvironmentName } from '@storefront/environments';

/** The Git repository Argo CD syncs from: named here and nowhere else. */
export const repoURL = 'https://github.com/bitshop-dev/storefront.git';
/** The branch every environment's Application tracks; promotion happens by pull request into it. */
export const targetRevision = 'main';

/** `owner/name` of that repository on GitHub, derived from repoURL (for GitHub API calls). */
export const githubRepository: string = (() => {
  const match = /^https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(repoURL);
  if (!match?.[1]) throw new Error(`repoURL is not a GitHub repository URL: ${repoURL}`);
  return match[1];
})();

/** Repository root on this machine (manifests/src/.. /..). */
export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folder (relative to the repository root) holding an environment's generated manifests. */
export function manifestsPath(env: EnvironmentName): string {
  return `manifests/${env}`;
}

/** Folder (relative to the repository root) holding the Argo CD definitions. */
export const argocdPath = 'argocd';
