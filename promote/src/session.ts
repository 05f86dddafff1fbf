import { UsageError } from './errors.js';
import { resolveGitHub, type GitHubTarget } from './context.js';
import type { CommitStatus } from './gates.js';
import { Git } from './git.js';
import { GitHub } from './github.js';
import { readSnapshot, type Snapshot } from './repository.js';

/** How a command talks to the world; main.ts passes the real process, tests their own. */
export interface Runtime {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (text: string) => void;
  readonly now: () => Date;
}

export interface Session {
  readonly git: Git;
  readonly root: string;
  readonly target: GitHubTarget;
  readonly snapshot: Snapshot;
  readonly baseRevision: string;
  /** Commit statuses, or undefined when no token is set (read-only commands then say "not checked"). */
  readonly statuses: (sha: string) => Promise<readonly CommitStatus[] | undefined>;
  readonly github: () => GitHub;
  readonly actor: string;
}

/** Finds the checkout, fetches origin/<base>, reads the environment files there. */
export async function openSession(runtime: Runtime, base: string): Promise<Session> {
  const probe = new Git(runtime.cwd);
  const root = (await probe.run(['rev-parse', '--show-toplevel']).catch(() => {
    throw new UsageError(`${runtime.cwd} is not inside a git checkout of this repository`);
  })).trim();
  const git = new Git(root);
  const target = await resolveGitHub(runtime.env, git);
  await git.run(['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`]);
  const baseRevision = (await git.run(['rev-parse', `refs/remotes/origin/${base}`])).trim();
  const snapshot = await readSnapshot(git, baseRevision);
  let client: GitHub | undefined;
  const github = () => {
    if (target.token === undefined) throw new UsageError('GITHUB_TOKEN is not set: this command talks to GitHub');
    client ??= new GitHub({ ...target, token: target.token });
    return client;
  };
  const name = (await git.run(['config', 'user.name'], { allowExitCodes: [1] })).trim();
  const actor = runtime.env.GITHUB_ACTOR?.trim() || name || 'unknown';
  return { git, root, target, snapshot, baseRevision, github, actor, statuses: async (sha) => (target.token === undefined ? undefined : github().commitStatuses(sha)) };
}
