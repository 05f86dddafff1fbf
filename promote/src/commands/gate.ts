import type { EnvironmentName } from '@storefront/environments';
import { UsageError } from '../errors.js';
import { gateContext, type GateKind } from '../gates.js';
import { digestHistory } from '../history.js';
import type { Runtime, Session } from '../session.js';

/**
 * The verification workflow's report: sets the commit status `<kind>/<env>` on the commit that
 * deployed the release under test, which is where `plan` and `open` read it. `--at` names the
 * main commit the verification started from (verify.yml: github.sha), so a result that arrives
 * after the environment moved on still lands on the release it verified, never on a newer one.
 */
export async function gateCommand(session: Session, runtime: Runtime, options: { env: EnvironmentName; kind: GateKind; state: 'success' | 'failure' | 'error' | 'pending'; url?: string | undefined; description?: string | undefined; at?: string | undefined; 'dry-run': boolean }): Promise<number> {
  const at = options.at ?? session.snapshot.revision;
  if (options.at !== undefined && !(await session.git.isAncestor(options.at, session.snapshot.revision).catch(() => false))) throw new UsageError(`--at ${options.at}: not a commit on the base branch`);
  const record = (await digestHistory(session.git, at, options.env))[0];
  if (record === undefined) throw new UsageError(`environments/${options.env}.yaml has no digest in its history`);
  const current = (await digestHistory(session.git, session.snapshot.revision, options.env))[0];
  if (current !== undefined && current.digest !== record.digest) runtime.out(`note: ${options.env} has moved on to ${current.digest}; recording the result for ${record.digest}, the release this verification ran against`);
  const context = gateContext(options.kind, options.env);
  const description = options.description ?? `${options.kind} ${options.state} on ${options.env}`;
  if (options['dry-run']) {
    runtime.out(`dry run: would set ${context}=${options.state} on ${record.commit.slice(0, 12)}`);
    return 0;
  }
  await session.github().setStatus(record.commit, { context, state: options.state, description, targetUrl: options.url });
  runtime.out(`${context}=${options.state} on ${record.commit.slice(0, 12)} (${record.digest})`);
  return 0;
}
