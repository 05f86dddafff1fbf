import { environmentNames, type EnvironmentName } from '@storefront/environments';
import { digestHistory, shortDigest } from '../history.js';
import { describeHold } from '../hold.js';
import type { CommitInfo } from '../git.js';
import type { Runtime, Session } from '../session.js';
import { digestOf } from '../repository.js';

export interface EnvironmentStatus {
  readonly env: EnvironmentName;
  readonly digest: string;
  /** The commit the image was built from, when recorded. */
  readonly revision: string | undefined;
  /** The commit that put this digest into environments/<env>.yaml. */
  readonly commit: CommitInfo | undefined;
  readonly hold: string | undefined;
}

export async function statusCommand(session: Session, runtime: Runtime, options: { json: boolean }): Promise<number> {
  const { git, snapshot } = session;
  const devHistory = await digestHistory(git, snapshot.revision, 'dev');
  const rows: EnvironmentStatus[] = [];
  for (const env of environmentNames) {
    const history = await digestHistory(git, snapshot.revision, env);
    const record = history[0];
    const hold = snapshot.holds.get(env);
    rows.push({ env, digest: digestOf(snapshot, env), revision: snapshot.environments.get(env)?.image.revision, commit: record ? await git.commitInfo(record.commit) : undefined, hold: hold ? describeHold(hold) : undefined });
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
  }
  runtime.out(`  dev is ${devAhead ?? '?'} commit${devAhead === 1 ? '' : 's'} ahead of stage; stage is ${stageAhead ?? '?'} commit${stageAhead === 1 ? '' : 's'} ahead of prod`);
  return 0;
}
