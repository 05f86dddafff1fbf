import { environmentPath, withImageDigest, type Environment, type EnvironmentName } from '@storefront/environments';
import { RefusedError, UsageError } from './errors.js';
import { evaluateGates, gatesPassed, requiredGates, type CommitStatus, type GateResult } from './gates.js';
import type { CommitInfo, Git } from './git.js';
import { digestHistory, earlierDigests, hasRun, shortDigest, type DigestRecord } from './history.js';
import type { Hold } from './hold.js';
import { manifestDiff, type ManifestDiff } from './manifest-diff.js';
import { migrationsBetween, type Migration } from './migrations.js';
import { digestOf, environmentOf, sourceOf, type Snapshot } from './repository.js';
import { soakOf, type Soak } from './soak.js';

export type PlanKind = 'promotion' | 'rollback' | 'lift-hold';

/** Everything a promotion or rollback would change, computed without touching anything. */
export interface Plan {
  readonly kind: PlanKind;
  readonly target: EnvironmentName;
  readonly source: EnvironmentName | undefined;
  readonly fromDigest: string;
  readonly toDigest: string;
  /** The commits on main the two images were built from, when recorded. */
  readonly fromRevision: string | undefined;
  readonly toRevision: string | undefined;
  /** The commit that deployed `toDigest` to the source environment: where its gates are read. */
  readonly sourceCommit: CommitInfo | undefined;
  /** Commits between the release of fromDigest and of toDigest (newest first); undefined when a release commit is unknown. */
  readonly commits: readonly CommitInfo[] | undefined;
  /** Migration files added between the two releases' sources (a rollback goes back across them); undefined when a release point is unknown. */
  readonly migrations: readonly Migration[] | undefined;
  readonly manifests: ManifestDiff;
  readonly environmentText: string;
  /** `environmentText` as validated, what the manifests are regenerated from. */
  readonly environment: Environment;
  readonly gates: readonly GateResult[];
  /** How long the release has run in the source environment against its requiredSoakTime (promotions only). */
  readonly soak: Soak | undefined;
  readonly hold: Hold | undefined;
  readonly branch: string;
}

export interface PlanRequest {
  readonly kind: PlanKind;
  readonly target: EnvironmentName;
  /** promotion: a digest the source ran (default: what it runs now); rollback: an earlier digest of the target. */
  readonly digest?: string | undefined;
  /** rollback: how many distinct digests back (default 1). */
  readonly steps?: number | undefined;
  /** promotion: the release the source environment declared at this main commit (the one verify.yml verified). */
  readonly at?: string | undefined;
}

export async function makePlan(git: Git, snapshot: Snapshot, request: PlanRequest, readStatuses: (sha: string) => Promise<readonly CommitStatus[] | undefined>, now: Date = new Date()): Promise<Plan> {
  const { target } = request;
  const fromDigest = digestOf(snapshot, target);
  const fromRevision = environmentOf(snapshot, target).image.revision;
  const targetHistory = await digestHistory(git, snapshot.revision, target);
  const devHistory = await digestHistory(git, snapshot.revision, 'dev');
  let source: EnvironmentName | undefined;
  let toDigest: string;
  let toRevision: string | undefined;
  let sourceRecord: DigestRecord | undefined;

  if (request.kind === 'promotion') {
    source = sourceOf(target);
    if (source === undefined) throw new UsageError(`--to ${target}: only stage and prod are promoted to (dev gets every merge to main through the release workflow)`);
    const sourceHistory = await digestHistory(git, snapshot.revision, source);
    let verified: string | undefined;
    if (request.at !== undefined) {
      if (!(await git.isAncestor(request.at, snapshot.revision).catch(() => false))) throw new UsageError(`--at ${request.at}: not a commit on the base branch`);
      verified = (await digestHistory(git, request.at, source))[0]?.digest;
      if (verified === undefined) throw new UsageError(`--at ${request.at}: ${environmentPath(source)} has no digest there`);
      if (request.digest !== undefined && request.digest !== verified) throw new UsageError(`--digest ${request.digest} and --at ${request.at.slice(0, 12)} (${verified}) name different releases`);
    }
    toDigest = verified ?? request.digest ?? digestOf(snapshot, source);
    sourceRecord = sourceHistory.find((record) => record.digest === toDigest);
    if (!hasRun(sourceHistory, toDigest)) {
      throw new RefusedError(`${target} only takes a digest that has run in ${source}: ${toDigest} was never in ${environmentPath(source)} on ${snapshot.revision}`);
    }
    toRevision = sourceRecord?.revision;
  } else if (request.kind === 'rollback') {
    const earlier = earlierDigests(targetHistory);
    let record: DigestRecord | undefined;
    if (request.digest !== undefined) {
      if (request.digest === fromDigest) throw new UsageError(`--to ${request.digest}: ${target} already runs it`);
      record = earlier.find((r) => r.digest === request.digest);
      if (record === undefined) throw new RefusedError(`--to ${request.digest}: ${target} never ran it (not in the history of ${environmentPath(target)}); a rollback only goes back to a digest the environment has run`);
    } else {
      const steps = request.steps ?? 1;
      record = earlier[steps - 1];
      if (record === undefined) throw new RefusedError(`--steps ${steps}: ${environmentPath(target)} has only ${earlier.length} earlier digest${earlier.length === 1 ? '' : 's'} in its history`);
    }
    toDigest = record.digest;
    toRevision = record.revision;
  } else {
    toDigest = fromDigest;
    toRevision = fromRevision;
  }

  const file = environmentPath(target);
  const { text: environmentText, environment } = toDigest === fromDigest ? { text: snapshot.texts.get(target) ?? '', environment: environmentOf(snapshot, target) } : withImageDigest(file, snapshot.texts.get(target) ?? '', toDigest, toRevision);

  // Where each release sits on main: its recorded source revision, else (releases recorded before
  // revisions were) the commit that wrote its digest into dev.yaml.
  const fromPoint = fromRevision ?? devHistory.find((r) => r.digest === fromDigest)?.commit;
  const toPoint = toRevision ?? devHistory.find((r) => r.digest === toDigest)?.commit;
  let commits: CommitInfo[] | undefined;
  let migrations: Migration[] | undefined;
  if (fromPoint !== undefined && toPoint !== undefined) {
    if (request.kind === 'promotion' && fromPoint !== toPoint && (await git.isAncestor(toPoint, fromPoint))) {
      throw new RefusedError(`${toDigest} (source ${toPoint.slice(0, 12)}) is older than what ${target} runs (source ${fromPoint.slice(0, 12)}): going back is a rollback, which holds the environment: npm run promote -- rollback --env ${target} --to ${toDigest} --reason "..."`);
    }
    const [older, newer] = request.kind === 'rollback' ? [toPoint, fromPoint] : [fromPoint, toPoint];
    commits = await git.commitsBetween(older, newer);
    migrations = await migrationsBetween(git, older, newer);
  }

  const sourceCommit = sourceRecord === undefined ? undefined : await git.commitInfo(sourceRecord.commit);
  const sourceEnv = source === undefined ? undefined : environmentOf(snapshot, source);
  const gates = sourceEnv === undefined || sourceCommit === undefined ? [] : evaluateGates(sourceEnv.name, await readStatuses(sourceCommit.sha), requiredGates(sourceEnv));
  const soak = sourceEnv === undefined || sourceCommit === undefined ? undefined : soakOf(sourceEnv, sourceCommit.date, now);
  const prefix = request.kind === 'promotion' ? 'promote' : request.kind === 'rollback' ? 'rollback' : 'lift-hold';
  return {
    kind: request.kind,
    target,
    source,
    fromDigest,
    toDigest,
    fromRevision,
    toRevision,
    sourceCommit,
    commits,
    migrations,
    manifests: await manifestDiff(git, target, snapshot.texts.get(target) ?? '', environmentText),
    environmentText,
    environment,
    gates,
    soak,
    hold: snapshot.holds.get(target),
    branch: request.kind === 'lift-hold' ? `${prefix}/${target}` : `${prefix}/${target}-${shortDigest(toDigest)}`,
  };
}

export { gatesPassed };
