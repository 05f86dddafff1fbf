import { environmentNames } from '@storefront/environments';
import { RefusedError, UsageError } from '../errors.js';
import { evaluateGates, requiredGates } from '../gates.js';
import { digestHistory } from '../history.js';
import { environmentOf } from '../repository.js';
import { describeRelease } from '../release-under-test.js';
import type { Runtime, Session } from '../session.js';
import { durationMs, formatDuration } from '../soak.js';

/**
 * The scheduled check for silent verification: a release that has run longer than `max-age`
 * without a result (success or failure) for every gate its environment requires. That is what a
 * missing or expired notifications token, or a verification that never started, looks like.
 */
export async function staleCommand(session: Session, runtime: Runtime, options: { 'max-age': string; json: boolean }): Promise<number> {
  const maxAge = durationMs(options['max-age']);
  const stale: string[] = [];
  for (const name of environmentNames) {
    const record = (await digestHistory(session.git, session.snapshot.revision, name))[0];
    if (record === undefined) continue;
    const since = (await session.git.commitInfo(record.commit)).date;
    const age = runtime.now().getTime() - new Date(since).getTime();
    if (age <= maxAge) continue;
    const statuses = await session.statuses(record.commit);
    if (statuses === undefined) throw new UsageError('GITHUB_TOKEN is not set: stale reads the gates (commit statuses) from GitHub');
    const open = evaluateGates(name, statuses, requiredGates(environmentOf(session.snapshot, name))).filter((gate) => gate.state !== 'success' && gate.state !== 'failure' && gate.state !== 'error');
    if (open.length > 0) stale.push(`${name} runs ${describeRelease(record)} since ${since} (${formatDuration(age)}) without a result for ${open.map((gate) => `${gate.context} (${gate.state})`).join(', ')}`);
  }
  if (options.json) runtime.out(JSON.stringify({ stale }, null, 2));
  if (stale.length === 0) {
    if (!options.json) runtime.out(`every release older than ${options['max-age']} has a result for each of its gates`);
    return 0;
  }
  if (!options.json) for (const line of stale) runtime.out(line);
  throw new RefusedError(`${stale.length} release${stale.length === 1 ? '' : 's'} without gate results after ${options['max-age']}: is verify.yml being started (Argo CD notifications token)?`);
}
