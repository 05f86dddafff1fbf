import { UsageError } from './errors.js';
import type { Git } from './git.js';

/** owner/name of the GitHub repository and the token to talk to it; the token is never printed. */
export interface GitHubTarget {
  readonly owner: string;
  readonly repo: string;
  /** Undefined when GITHUB_TOKEN is unset: read-only commands then skip GitHub. */
  readonly token: string | undefined;
  /** API root: GITHUB_API_URL (set by GitHub Actions, and by the tests), else api.github.com. */
  readonly apiUrl: string;
}

const repositoryPattern = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/;

/** owner/name from an origin URL: https://github.com/o/r(.git), git@github.com:o/r.git, ssh://git@github.com/o/r. */
export function repositoryFromRemote(url: string): string | undefined {
  const match = /github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return match ? `${match[1] ?? ''}/${match[2] ?? ''}` : undefined;
}

/** GITHUB_REPOSITORY, else the `origin` remote's URL; GITHUB_TOKEN from the environment only. */
export async function resolveGitHub(env: NodeJS.ProcessEnv, git: Git): Promise<GitHubTarget> {
  let repository = env.GITHUB_REPOSITORY?.trim();
  if (!repository) {
    const url = await git.remoteUrl('origin');
    repository = url === undefined ? undefined : repositoryFromRemote(url);
  }
  const match = repository === undefined ? null : repositoryPattern.exec(repository);
  if (!match) throw new UsageError('cannot tell the GitHub repository: set GITHUB_REPOSITORY=owner/name or use an origin remote on github.com');
  const token = env.GITHUB_TOKEN?.trim() || undefined;
  return { owner: match[1] ?? '', repo: match[2] ?? '', token, apiUrl: (env.GITHUB_API_URL?.trim() || 'https://api.github.com').replace(/\/$/, '') };
}
