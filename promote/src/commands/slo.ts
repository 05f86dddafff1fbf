import { appendFileSync } from 'node:fs';
import { environmentPath, type EnvironmentName } from '@storefront/environments';
import { RefusedError, UsageError } from '../errors.js';
import { prometheusTarget } from '../prometheus.js';
import { environmentOf } from '../repository.js';
import { currentRelease, describeRelease } from '../release-under-test.js';
import type { Runtime, Session } from '../session.js';
import { analyseSlo, formatFigure, sloSummary } from '../slo.js';
import { durationMs, formatDuration } from '../soak.js';

/** Longer than any soak window an environment file sets today; a wait past it is a mistake. */
const maxWaitMs = 3 * 3_600_000;

/**
 * The SLO analysis of the release under test: Prometheus's view of the app's own metrics over
 * the soak window after the commit that deployed it, against verification.slo of the
 * environment. Exit 0 when every figure holds, 3 when one does not (or there was no traffic).
 */
export async function sloCommand(session: Session, runtime: Runtime, options: { env: EnvironmentName; digest: string; revision?: string | undefined; prometheus?: string | undefined; wait: boolean; json: boolean }): Promise<number> {
  const env = environmentOf(session.snapshot, options.env);
  const slo = env.verification.slo;
  if (slo === undefined) throw new UsageError(`${environmentPath(options.env)} has no verification.slo: this environment has no SLO analysis`);
  const target = prometheusTarget(runtime.env, options.prometheus);
  const record = await currentRelease(session.git, session.snapshot.revision, options.env, { digest: options.digest, revision: options.revision });
  const deployedAt = new Date((await session.git.commitInfo(record.commit)).date);
  const due = deployedAt.getTime() + durationMs(slo.window);
  let now = runtime.now();
  if (now.getTime() < due) {
    const left = due - now.getTime();
    if (!options.wait) throw new RefusedError(`the soak window of ${slo.window} after the deploy (${deployedAt.toISOString()}) is not over: ${formatDuration(left)} left; run again then, or with --wait`);
    if (left > maxWaitMs) throw new UsageError(`--wait: ${formatDuration(left)} is longer than ${formatDuration(maxWaitMs)}`);
    runtime.out(`waiting ${formatDuration(left)} for the soak window of ${slo.window} to pass`);
    await new Promise((resolve) => setTimeout(resolve, left));
    now = runtime.now();
  }
  const result = await analyseSlo(target, env, slo, now);
  const summary = sloSummary(result);
  if (options.json) runtime.out(JSON.stringify({ release: record, ...result }, null, 2));
  else {
    runtime.out(`SLO of ${options.env} for ${describeRelease(record)}, ${slo.window} ending ${now.toISOString()}:`);
    for (const figure of result.figures) runtime.out(`  ${formatFigure(figure)}`);
  }
  writeWorkflowFiles(runtime.env, summary, result.figures.map(formatFigure));
  if (!result.passed) throw new RefusedError(summary);
  return 0;
}

/** In a workflow: the one-line summary as a step output (for the commit status) and a section of the run's summary page. */
function writeWorkflowFiles(env: NodeJS.ProcessEnv, summary: string, lines: readonly string[]): void {
  /* eslint-disable security/detect-non-literal-fs-filename -- the runner's own output files */
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `slo_summary=${summary}\n`);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, `### SLO analysis\n\n${lines.map((line) => `- ${line}`).join('\n')}\n\n`);
  /* eslint-enable security/detect-non-literal-fs-filename */
}
