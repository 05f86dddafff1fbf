import { environmentNames, type EnvironmentName } from '@storefront/environments';
import { environmentApplicationName, storefrontProjectName } from '@storefront/manifests/argocd/definitions';
import { argocdNamespace } from '@storefront/manifests/argocd/platform';
import { argocdTarget, liveApplication } from '../argocd.js';
import { compareLive, formatLive, type LiveComparison } from '../live-status.js';
import { durationMs } from '../soak.js';
import { digestHistory, shortDigest } from '../history.js';
import { describeHold } from '../hold.js';
import type { CommitInfo } from '../git.js';
import type { Runtime, Session } from '../session.js';
import { digestOf, environmentOf } from '../repository.js';

export interface EnvironmentStatus {
  readonly env: EnvironmentName;
  readonly digest: string;
  /** The commit the image was built from, when recorded. */
  readonly revision: string | undefined;
  /** The commit that put this digest into environments/<env>.yaml. */
  readonly commit: CommitInfo | undefined;
  readonly hold: string | undefined;
  /** What Argo CD reports the environment runs, beside Git's release; only with an Argo CD address. */
  readonly live?: LiveComparison;
}

export async function statusCommand(session: Session, runtime: Runtime, options: { json: boolean; 'argocd-server'?: string | undefined; 'argocd-timeout': string }): Promise<number> {
  const { git, snapshot } = session;
  const argocd = argocdTarget(runtime.env, options['argocd-server'], durationMs(options['argocd-timeout']));
  const devHistory = await digestHistory(git, snapshot.revision, 'dev');
  const live = argocd === undefined ? undefined : await Promise.all(environmentNames.map((env) => liveApplication(argocd, { env, name: environmentApplicationName({ name: env }), project: storefrontProjectName({ name: env }), namespace: argocdNamespace })));
  const rows: EnvironmentStatus[] = [];
  for (const env of environmentNames) {
    const history = await digestHistory(git, snapshot.revision, env);
    const record = history[0];
    const hold = snapshot.holds.get(env);
    const digest = digestOf(snapshot, env);
    const app = live?.[environmentNames.indexOf(env)];
    rows.push({
      env,
      digest,
      revision: snapshot.environments.get(env)?.image.revision,
      commit: record ? await git.commitInfo(record.commit) : undefined,
      hold: hold ? describeHold(hold) : undefined,
      ...(app === undefined ? {} : { live: compareLive(app, { repository: environmentOf(snapshot, env).image.repository, digest }) }),
    });
  }
  // A release sits on main at its source revision (or, recorded before revisions were, where dev got it).
  const release = (digest: string) => rows.find((r) => r.digest === digest && r.revision !== undefined)?.revision ?? devHistory.find((r) => r.digest === digest)?.revision ?? devHistory.find((r) => r.digest === digest)?.commit;
  const ahead = async (from: EnvironmentName, to: EnvironmentName): Promise<number | undefined> => {
    const a = release(digestOf(snapshot, to));
    const b = release(digestOf(snapshot, from));
    return a === undefined || b === undefined ? undefined : (await git.commitsBetween(a, b)).length;
  };
  const devAhead = await ahead('dev', 'stage');
  const stageAhead = await ahead('stage', 'prod');
  if (options.json) {
    runtime.out(JSON.stringify({ base: snapshot.revision, environments: rows, ahead: { devOfStage: devAhead ?? null, stageOfProd: stageAhead ?? null } }, null, 2));
    return 0;
  }
  runtime.out(`environments on ${snapshot.revision.slice(0, 12)}:`);
  for (const row of rows) {
    runtime.out(`  ${row.env.padEnd(6)} ${shortDigest(row.digest)}  built from ${row.revision?.slice(0, 12) ?? '(not recorded)'}  since ${row.commit ? `${row.commit.date} ${row.commit.short} (${row.commit.author}) ${row.commit.subject}` : 'unknown'}`);
    if (row.hold) runtime.out(`         HOLD: ${row.hold}`);
    if (row.live) for (const line of formatLive(row.live, '         ')) runtime.out(line);
  }
  if (argocd === undefined) runtime.out('  (what each environment actually runs: set ARGOCD_SERVER or --argocd-server, and ARGOCD_AUTH_TOKEN)');
  runtime.out(`  dev is ${devAhead ?? '?'} commit${devAhead === 1 ? '' : 's'} ahead of stage; stage is ${stageAhead ?? '?'} commit${stageAhead === 1 ? '' : 's'} ahead of prod`);
  return 0;
}
