import { appendFileSync } from 'node:fs';
import { appSettingValue, type EnvironmentName } from '@storefront/environments';
import { gateContext, type GateKind } from '../gates.js';
import { environmentOf } from '../repository.js';
import { e2eSelection } from '../verification.js';
import { currentRelease, describeRelease, releaseAtSync } from '../release-under-test.js';
import type { Runtime, Session } from '../session.js';

/**
 * The verification workflow's report: sets the commit status `<kind>/<env>` for exactly the
 * release verify.yml tested (digest and source revision), on the commit that deployed it, which
 * is where `plan` and `open` read it. Refused when the environment no longer runs that release.
 */
export async function gateCommand(session: Session, runtime: Runtime, options: { env: EnvironmentName; kind: GateKind; state: 'success' | 'failure' | 'error' | 'pending'; digest: string; revision?: string | undefined; url?: string | undefined; description?: string | undefined; 'dry-run': boolean }): Promise<number> {
  const record = await currentRelease(session.git, session.snapshot.revision, options.env, { digest: options.digest, revision: options.revision });
  const context = gateContext(options.kind, options.env);
  // GitHub keeps at most 140 characters of a status description.
  const description = (options.description ?? `${options.kind} ${options.state} on ${options.env}`).slice(0, 140);
  if (options['dry-run']) {
    runtime.out(`dry run: would set ${context}=${options.state} on ${record.commit.slice(0, 12)} for ${describeRelease(record)}`);
    return 0;
  }
  await session.github().setStatus(record.commit, { context, state: options.state, description, targetUrl: options.url });
  runtime.out(`${context}=${options.state} on ${record.commit.slice(0, 12)} for ${describeRelease(record)}`);
  return 0;
}

/**
 * verify.yml's first step: which release the deploy notification is about (the environment file
 * at the synced commit, checked against the images Argo CD runs), refused when it is already
 * replaced on main, and the environment's verification settings. With GITHUB_OUTPUT set (in a
 * workflow) the values are also appended there as step outputs.
 */
export async function deployedCommand(session: Session, runtime: Runtime, options: { env: EnvironmentName; synced?: string | undefined; images?: string | undefined; json: boolean }): Promise<number> {
  const synced = options.synced ?? session.snapshot.revision;
  const images = options.images === undefined ? undefined : options.images.split(/[\s,]+/).filter((image) => image !== '');
  const record = await releaseAtSync(session.git, session.snapshot.revision, options.env, synced, images);
  await currentRelease(session.git, session.snapshot.revision, options.env, record);
  const env = environmentOf(session.snapshot, options.env);
  const { verification } = env;
  const outputs: Record<string, string> = {
    digest: record.digest,
    revision: record.revision ?? '',
    // The tests of the deployed code: its source revision, or for a release recorded without
    // one, the commit that deployed it (the closest code on main).
    tests_ref: record.revision ?? record.commit,
    deploy_commit: record.commit,
    base_url: `https://${env.host}`,
    e2e_grep: e2eSelection(env).grep,
    e2e_grep_invert: e2eSelection(env).grepInvert,
    load_profile: verification.loadProfile,
    rate_limit_max: String(appSettingValue(env.app, 'RATE_LIMIT_MAX')),
    trust: verification.trust,
    slo: verification.slo === undefined ? 'false' : 'true',
  };
  const file = runtime.env.GITHUB_OUTPUT;
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the runner's step output file
  if (file !== undefined && file !== '') appendFileSync(file, Object.entries(outputs).map(([key, value]) => `${key}=${value}\n`).join(''));
  runtime.out(options.json ? JSON.stringify(outputs, null, 2) : Object.entries(outputs).map(([key, value]) => `${key}=${value}`).join('\n'));
  return 0;
}
