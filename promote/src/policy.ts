import { environmentNames, EnvironmentFileError, environmentPath, parseEnvironmentFile, type Environment, type EnvironmentName } from '@storefront/environments';
import { renderAtRelease, RenderError } from '@storefront/manifests/regenerate';
import type { Git } from './git.js';
import { digestHistory, shortDigest } from './history.js';
import { holdPath, parseHold, type Hold } from './hold.js';
import { migrationsChanged, unmarkedDestructive } from './migrations.js';
import { sourceOf } from './repository.js';
import { renderCache } from './workspace.js';

/**
 * The promotion policy, checked on every pull request from git alone (the base and head
 * commits and the labels): the same rules `npm run promote` follows, so a hand-written pull
 * request cannot skip them. Each refusal is one line: `<rule>: <why, and what to do>`.
 */
export interface PullRequestInput {
  /** The base branch's commit the pull request targets (pull_request.base.sha). */
  readonly base: string;
  /** The pull request's head commit. */
  readonly head: string;
  readonly labels: readonly string[];
}

export interface PolicyResult {
  readonly refusals: readonly string[];
  /** The environments the pull request moves or edits, for the summary line. */
  readonly environments: readonly EnvironmentName[];
  readonly changedFiles: number;
}

interface Side {
  readonly environment: Environment | undefined;
  readonly hold: Hold | undefined;
}

const environmentFiles = (env: EnvironmentName) => (file: string) => file === environmentPath(env) || file === holdPath(env) || file.startsWith(`manifests/${env}/`);

export async function checkPolicy(git: Git, pr: PullRequestInput): Promise<PolicyResult> {
  const mergeBase = (await git.run(['merge-base', pr.base, pr.head])).trim();
  const changed = (await git.run(['diff', '--name-only', '--no-renames', mergeBase, pr.head])).split('\n').filter(Boolean);
  const refusals: string[] = [];
  const labels = new Set(pr.labels);
  const touched = environmentNames.filter((env) => changed.some(environmentFiles(env)));
  const configured = environmentNames.filter((env) => changed.includes(environmentPath(env)) || changed.includes(holdPath(env)));

  // Only one environment per pull request once its file or hold changes (a code change regenerating several manifests folders is checked by the generated-files rule).
  for (const env of configured) {
    const others = changed.filter((file) => !environmentFiles(env)(file));
    if (others.length > 0) refusals.push(`one environment: a pull request that changes ${environmentPath(env)} or its hold changes only ${env}'s files (${environmentPath(env)}, ${holdPath(env)}, manifests/${env}/); it also changes ${list(others)}: split it`);
  }

  for (const env of touched) {
    const before = await side(git, pr.base, env, refusals);
    const after = await side(git, pr.head, env, refusals);
    if (before.environment === undefined || after.environment === undefined) continue;
    const from = before.environment.image;
    const to = after.environment.image;
    const moves = from.digest !== to.digest || from.revision !== to.revision;
    const liftsHold = before.hold !== undefined && after.hold === undefined;

    if (before.hold !== undefined) {
      const rollsBackAgain = labels.has('rollback') && after.hold !== undefined;
      if (!rollsBackAgain && !(liftsHold && labels.has('lift-hold'))) {
        refusals.push(`hold: ${env} is on hold (set by ${before.hold.setBy} at ${before.hold.setAt}: ${before.hold.reason}); it moves or changes only in a hold-lifting pull request labelled lift-hold that deletes ${holdPath(env)} (npm run promote -- open --to ${env} --lift-hold --reason "...")`);
      }
      if (liftsHold && to.digest !== undefined && before.hold.rolledBackFrom?.digest === to.digest && !labels.has('hold-forced')) {
        refusals.push(`hold: this lifts ${env}'s hold onto ${shortDigest(to.digest)}, the very release it was rolled back from; that needs --force with a reason (label hold-forced)`);
      }
    }
    if (!configured.includes(env) || !moves || to.digest === undefined || from.digest === undefined) continue;

    const older = await isOlder(git, pr.base, { digest: from.digest, revision: from.revision }, { digest: to.digest, revision: to.revision });
    if (older) {
      const holdsIt = after.hold !== undefined && after.hold.digest === to.digest;
      if (!labels.has('rollback') || !holdsIt) {
        refusals.push(`rollback: ${env} goes back from ${shortDigest(from.digest)} to the older ${shortDigest(to.digest)}; an older release lands only as a pull request labelled rollback that writes ${holdPath(env)} pinned to it (npm run promote -- rollback --env ${env} --reason "...")`);
      }
      continue;
    }
    const source = sourceOf(env);
    if (source === undefined) {
      refusals.push(`release: dev moves forward only through the release workflow (npm run promote -- release); a pull request may move dev only back, as a rollback`);
      continue;
    }
    const history = await digestHistory(git, pr.base, source);
    const ran = history.find((r) => r.digest === to.digest);
    if (ran === undefined) refusals.push(`${source} first: ${env} only takes a release that has run in ${source}; ${to.digest} was never in ${environmentPath(source)} on ${pr.base.slice(0, 12)}`);
    else if (ran.revision !== to.revision) refusals.push(`${source} first: ${env} records ${shortDigest(to.digest)} as built from ${to.revision ?? '(none)'}, but ${source} ran it as built from ${ran.revision ?? '(none)'}; a release is the digest and its source revision together`);
  }

  for (const env of touched) {
    // Files this pull request wrote, or all of them when it changed the environment's file; drift
    // that came from main's own manifest code (environments without a release revision) is
    // synth:check's business, not this pull request's.
    const mine = (file: string) => configured.includes(env) || changed.some((c) => file.startsWith(c));
    const mismatch = await generatedMismatch(git, pr.head, env);
    if (typeof mismatch === 'string') {
      refusals.push(`generated files: ${mismatch}`);
      continue;
    }
    const generated = mismatch.files.filter(mine);
    if (generated.length === 0) continue;
    if (mismatch.release === undefined) refusals.push(`generated files: manifests/${env} differs from what npm run synth produces for ${env} (${list(generated)}); never edit it by hand: change ${environmentPath(env)} or manifests/src and run npm run synth`);
    else refusals.push(`generated files: manifests/${env} differs from its render by the code of ${env}'s release ${mismatch.release.slice(0, 12)} (${list(generated)}); a pull request that changes render code regenerates no environment (dev takes it with the next release, stage and prod by promotion) and manifests/ is never edited by hand: run npm run synth and commit only what it writes`);
  }

  refusals.push(...unmarkedDestructive(await migrationsChanged(git, pr.base, pr.head)).map((line) => `migrations: ${line}`));
  return { refusals, environments: touched, changedFiles: changed.length };
}

async function side(git: Git, revision: string, env: EnvironmentName, refusals: string[]): Promise<Side> {
  const file = environmentPath(env);
  const text = await git.show(revision, file);
  const holdText = await git.show(revision, holdPath(env));
  let environment: Environment | undefined;
  let hold: Hold | undefined;
  try {
    environment = text === undefined ? undefined : parseEnvironmentFile(file, text);
    if (text === undefined) refusals.push(`files: ${file} is missing at ${revision.slice(0, 12)}`);
  } catch (error) {
    refusals.push(`files: ${error instanceof EnvironmentFileError ? error.problems.join('; ') : String(error)}`);
  }
  try {
    hold = holdText === undefined ? undefined : parseHold(holdPath(env), holdText);
  } catch (error) {
    refusals.push(`files: ${(error as Error).message.replaceAll('\n', '; ')}`);
  }
  return { environment, hold };
}

/**
 * Whether `to` is an older release than `from`: its place on main (source revision, or for a
 * release recorded without one, the commit that brought it to dev) comes before `from`'s.
 */
async function isOlder(git: Git, base: string, from: { digest: string; revision: string | undefined }, to: { digest: string; revision: string | undefined }): Promise<boolean> {
  const dev = await digestHistory(git, base, 'dev');
  const point = (release: { digest: string; revision: string | undefined }) => release.revision ?? dev.find((r) => r.digest === release.digest)?.commit;
  const a = point(from);
  const b = point(to);
  if (a === undefined || b === undefined || a === b) return false;
  return git.isAncestor(b, a);
}

/**
 * The files of manifests/<env> at `revision` that differ from a fresh render of that revision's
 * environment file, by the render code at the release it records (image.revision; this
 * checkout's code without one), and that release; or one line when it cannot be rendered.
 */
async function generatedMismatch(git: Git, revision: string, env: EnvironmentName): Promise<{ files: string[]; release: string | undefined } | string> {
  const text = await git.show(revision, environmentPath(env));
  if (text === undefined) return { files: [`${environmentPath(env)} (missing)`], release: undefined };
  let expected: Map<string, string>;
  let release: string | undefined;
  try {
    ({ files: expected, revision: release } = renderAtRelease(git.cwd, env, text, { cache: renderCache(git) }));
  } catch (error) {
    if (error instanceof RenderError) return error.message;
    if (error instanceof EnvironmentFileError) return { files: [`${environmentPath(env)} (not valid)`], release: undefined };
    throw error;
  }
  const listed = (await git.run(['ls-tree', '-r', '--name-only', revision, '--', `manifests/${env}/`])).split('\n').filter(Boolean);
  const differing: string[] = [];
  for (const file of new Set([...listed, ...expected.keys()])) {
    const want = expected.get(file);
    if (want === undefined) differing.push(`${file} (not generated)`);
    else if (!listed.includes(file)) differing.push(`${file} (missing)`);
    else if ((await git.show(revision, file)) !== want) differing.push(file);
  }
  return { files: differing.sort(), release };
}

function list(files: readonly string[]): string {
  return files.length <= 3 ? files.join(', ') : `${files.slice(0, 3).join(', ')} and ${files.length - 3} more`;
}

/** Base, head and labels from the pull_request event GitHub Actions hands the job (GITHUB_EVENT_PATH). */
export function pullRequestFromEvent(payload: unknown): { base: string; head: string; number: number; labels: string[] } | undefined {
  const pr = (payload as { pull_request?: { number?: unknown; base?: { sha?: unknown }; head?: { sha?: unknown }; labels?: { name?: unknown }[] } } | null)?.pull_request;
  if (typeof pr?.base?.sha !== 'string' || typeof pr.head?.sha !== 'string' || typeof pr.number !== 'number') return undefined;
  return { base: pr.base.sha, head: pr.head.sha, number: pr.number, labels: (pr.labels ?? []).map((l) => l.name).filter((n): n is string => typeof n === 'string') };
}
