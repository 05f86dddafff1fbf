import type { EnvironmentName } from '@storefront/environments';
import { RefusedError, UsageError } from '../errors.js';
import { gatesPassed } from '../gates.js';
import { shortDigest } from '../history.js';
import { describeHold, holdPath, liftInstructions, type Hold } from '../hold.js';
import { makePlan, type Plan, type PlanRequest } from '../plan.js';
import { formatPlan, pullRequestBody, pullRequestLabels, pullRequestTitle, type Override } from '../pull-request.js';
import type { Runtime, Session } from '../session.js';
import { formatDuration } from '../soak.js';
import { pushChange } from '../workspace.js';

export async function planCommand(session: Session, runtime: Runtime, options: { to: EnvironmentName; digest?: string | undefined; at?: string | undefined; json: boolean }): Promise<number> {
  const plan = await makePlan(session.git, session.snapshot, { kind: 'promotion', target: options.to, digest: options.digest, at: options.at }, session.statuses, runtime.now());
  runtime.out(options.json ? JSON.stringify(plan, null, 2) : formatPlan(plan));
  return 0;
}

export interface OpenOptions {
  readonly to: EnvironmentName;
  readonly digest?: string | undefined;
  readonly at?: string | undefined;
  readonly force: boolean;
  readonly reason?: string | undefined;
  readonly 'lift-hold': boolean;
  readonly 'dry-run': boolean;
  readonly base: string;
}

export async function openCommand(session: Session, runtime: Runtime, options: OpenOptions): Promise<number> {
  const liftHold = options['lift-hold'];
  const hold = session.snapshot.holds.get(options.to);
  if (liftHold && hold === undefined) throw new UsageError(`--lift-hold: ${options.to} has no hold (no ${holdPath(options.to)} on ${options.base})`);
  if (hold !== undefined && !liftHold) throw new RefusedError(`${describeHold(hold)}; ${liftInstructions(options.to)}`);
  const request: PlanRequest = options.to === 'dev' || (liftHold && options.digest === undefined && sameAsSource(session, options.to)) ? { kind: 'lift-hold', target: options.to } : { kind: 'promotion', target: options.to, digest: options.digest, at: options.at };
  if (request.kind === 'lift-hold' && !liftHold) throw new UsageError('--to dev: dev is not promoted to (the release workflow moves it); only --lift-hold applies');
  const plan = await makePlan(session.git, session.snapshot, request, session.statuses, runtime.now());
  const replaced = hold?.rolledBackFrom;
  if (liftHold && replaced !== undefined && replaced.digest === plan.toDigest && !options.force) {
    throw new RefusedError(`${options.to} was rolled back from ${plan.toDigest} (${hold?.reason ?? ''}); lifting the hold onto that same release needs --force --reason "<what changed since the rollback>"`);
  }
  if (plan.kind === 'promotion' && plan.fromDigest === plan.toDigest && !liftHold) {
    runtime.out(`${options.to} already runs ${plan.toDigest}: nothing to promote`);
    return 0;
  }
  if (plan.kind === 'promotion' && !gatesPassed(plan.gates)) {
    const failing = plan.gates.filter((g) => g.state !== 'success').map((g) => `${g.context} ${g.state}`).join(', ');
    if (!options.force) throw new RefusedError(`${plan.source ?? ''} has not passed its gates for ${shortDigest(plan.toDigest)} on ${plan.sourceCommit?.short ?? '?'} (${failing}); wait for the verification, or pass --force --reason "..." (recorded in the pull request)`);
    runtime.out(`gates overridden with --force (${failing}): ${options.reason ?? ''}`);
  }
  if (plan.kind === 'promotion' && plan.soak !== undefined && plan.soak.remainingMs > 0) {
    if (!options.force) throw new RefusedError(`soak time: ${plan.source ?? ''} requires ${plan.soak.required} of running ${shortDigest(plan.toDigest)} before it moves on; ${formatDuration(plan.soak.remainingMs)} left (running since ${plan.soak.since}); wait, or pass --force --reason "..."`);
    runtime.out(`soak time overridden with --force (${formatDuration(plan.soak.remainingMs)} left): ${options.reason ?? ''}`);
  }
  const override: Override = { force: options.force, reason: options.reason, actor: session.actor };
  const message = plan.kind === 'lift-hold' ? `Lift the hold on ${options.to}\n\n${options.reason ?? ''}` : `Promote ${plan.source ?? ''} to ${options.to}: ${plan.toDigest}${liftHold ? ', lifting its hold' : ''}${options.reason ? `\n\n${options.force ? 'Gates overridden: ' : ''}${options.reason}` : ''}`;
  return publish(session, runtime, plan, { override, liftHold, message, hold: liftHold ? 'lift' : undefined, dryRun: options['dry-run'], base: options.base });
}

export async function rollbackCommand(session: Session, runtime: Runtime, options: { env: EnvironmentName; to?: string | undefined; steps?: number | undefined; reason: string; force: boolean; 'dry-run': boolean; base: string }): Promise<number> {
  const plan = await makePlan(session.git, session.snapshot, { kind: 'rollback', target: options.env, digest: options.to, steps: options.to === undefined ? (options.steps ?? 1) : undefined }, session.statuses, runtime.now());
  const contracts = (plan.migrations ?? []).filter((m) => m.contract !== undefined);
  if (contracts.length > 0) {
    const list = contracts.map((m) => `${m.file} (${m.contract ?? ''})`).join(', ');
    if (!options.force) throw new RefusedError(`rolling ${options.env} back to ${shortDigest(plan.toDigest)} crosses contract migration${contracts.length === 1 ? '' : 's'} ${list}: the older release may need what they removed; fix forward, or pass --force with a --reason that says why the older release runs on this schema`);
    runtime.out(`crossing contract migration${contracts.length === 1 ? '' : 's'} with --force: ${list}`);
  }
  if (plan.migrations === undefined) runtime.out(`note: a source revision is not recorded, so the migrations between the releases are unknown: check app/migrations by hand`);
  const hold: Hold = { environment: options.env, digest: plan.toDigest, reason: options.reason, setBy: session.actor, setAt: runtime.now().toISOString(), rolledBackFrom: { digest: plan.fromDigest, ...(plan.fromRevision === undefined ? {} : { revision: plan.fromRevision }) } };
  const message = `Roll back ${options.env} to ${plan.toDigest} and hold it\n\n${options.reason}\nFrom ${plan.fromDigest}.`;
  return publish(session, runtime, plan, { override: { force: options.force, reason: options.reason, actor: session.actor }, liftHold: false, message, hold, dryRun: options['dry-run'], base: options.base });
}

function sameAsSource(session: Session, target: EnvironmentName): boolean {
  const source = target === 'stage' ? 'dev' : target === 'prod' ? 'stage' : undefined;
  return source === undefined || session.snapshot.environments.get(source)?.image.digest === session.snapshot.environments.get(target)?.image.digest;
}

async function publish(session: Session, runtime: Runtime, plan: Plan, how: { override: Override; liftHold: boolean; message: string; hold: Hold | 'lift' | undefined; dryRun: boolean; base: string }): Promise<number> {
  const title = pullRequestTitle(plan);
  const serverUrl = (runtime.env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/$/, '');
  const body = pullRequestBody(plan, { owner: session.target.owner, repo: session.target.repo, serverUrl, override: how.override, liftHold: how.liftHold });
  const labels = pullRequestLabels(plan, how.override, how.liftHold);
  if (how.dryRun) {
    runtime.out(formatPlan(plan));
    runtime.out(`\ndry run: would push ${plan.branch} and open or update the pull request "${title}" (labels: ${labels.join(', ')}) into ${how.base}; nothing was changed`);
    return 0;
  }
  const github = session.github();
  const { commit, pushed, result } = await pushChange(session.git, session.baseRevision, plan.branch, { target: plan.target, environment: plan.environment, environmentText: plan.environmentText, hold: how.hold, message: how.message }, (_commit) =>
    github.upsertPullRequest({ branch: plan.branch, base: how.base, title, body, labels }),
  );
  runtime.out(`${result.created ? 'opened' : 'updated'} pull request #${result.number}: ${result.url}`);
  // A newer promotion replaces older promotions; a rollback replaces those and older rollbacks. A
  // promotion never closes an open rollback: promote.yml opens promotions unattended.
  const prefixes = plan.kind === 'rollback' ? [`promote/${plan.target}-`, `rollback/${plan.target}-`] : plan.kind === 'promotion' ? [`promote/${plan.target}-`] : [];
  const closed = prefixes.length === 0 ? [] : await github.closeSuperseded({ base: how.base, prefixes, newer: result, branch: plan.branch });
  for (const number of closed) runtime.out(`closed pull request #${number}: superseded by #${result.number}`);
  runtime.out(`branch ${plan.branch} at ${commit.slice(0, 12)}${pushed ? '' : ' (unchanged: same base and content)'}: ${title}`);
  return 0;
}
