import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { resolveGitHub } from '../context.js';
import { Git } from '../git.js';
import { GitHub } from '../github.js';
import { checkPolicy, pullRequestFromEvent } from '../policy.js';
import type { Runtime } from '../session.js';

export interface CheckOptions {
  readonly 'base-sha'?: string | undefined;
  readonly 'head-sha'?: string | undefined;
  readonly labels?: string | undefined;
  readonly json: boolean;
}

/**
 * The promotion-policy check of one pull request (the `promotion-policy` workflow, re-run when a label changes, or locally):
 * base, head and labels from the flags, else from the pull_request event. With GITHUB_TOKEN the
 * labels are read from GitHub when the check runs, since the tool labels a pull request just
 * after opening it, later than the `opened` event's payload was taken. Exit 3 on any refusal.
 */
export async function checkCommand(runtime: Runtime, options: CheckOptions): Promise<number> {
  const root = (await new Git(runtime.cwd).run(['rev-parse', '--show-toplevel'])).trim();
  const git = new Git(root);
  const eventPath = runtime.env.GITHUB_EVENT_PATH?.trim();
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the event file GitHub Actions names
  const event = eventPath ? pullRequestFromEvent(JSON.parse(readFileSync(eventPath, 'utf8')) as unknown) : undefined;
  const base = options['base-sha'] ?? event?.base;
  const head = options['head-sha'] ?? event?.head;
  if (base === undefined || head === undefined) throw new UsageError('check: give --base-sha and --head-sha, or run it on a pull_request event (GITHUB_EVENT_PATH)');
  let labels = options.labels === undefined ? (event?.labels ?? []) : options.labels.split(',').map((l) => l.trim()).filter(Boolean);
  if (options.labels === undefined && event !== undefined && runtime.env.GITHUB_TOKEN?.trim()) {
    const target = await resolveGitHub(runtime.env, git);
    if (target.token !== undefined) labels = await new GitHub({ ...target, token: target.token }).issueLabels(event.number);
  }
  for (const revision of [base, head]) {
    if ((await git.run(['cat-file', '-t', revision], { allowExitCodes: [128] })).trim() !== 'commit') throw new UsageError(`check: ${revision} is not a commit in this clone (check out with fetch-depth: 0)`);
  }
  const result = await checkPolicy(git, { base, head, labels });
  if (options.json) runtime.out(JSON.stringify({ base, head, labels, ...result }, null, 2));
  else {
    for (const refusal of result.refusals) runtime.out(`refused: ${refusal}`);
    const scope = result.environments.length === 0 ? 'no environment files' : `environments ${result.environments.join(', ')}`;
    runtime.out(`promotion policy: ${result.refusals.length === 0 ? 'passed' : `${result.refusals.length} refusal${result.refusals.length === 1 ? '' : 's'}`} (${result.changedFiles} changed file${result.changedFiles === 1 ? '' : 's'}, ${scope}; labels: ${labels.join(', ') || 'none'})`);
  }
  return result.refusals.length === 0 ? 0 : 3;
}
