import { environmentPath, parseEnvironmentFile, withImageDigest } from '@storefront/environments';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RefusedError, UsageError } from '../errors.js';
import { Git } from '../git.js';
import { shortDigest } from '../history.js';
import { describeHold, holdPath, liftInstructions, parseHold } from '../hold.js';
import type { Runtime } from '../session.js';
import { commitChange, renderCache } from '../workspace.js';

export interface ReleaseOptions {
  readonly digest: string;
  readonly revision: string;
  readonly push: boolean;
  readonly 'dry-run': boolean;
  readonly base: string;
}

/**
 * The release workflow's last step: records the release (image digest and the commit it was
 * built from) in environments/dev.yaml on the current origin/<base>, regenerates manifests/dev,
 * commits with [skip ci] and, with --push, pushes. It works in a throwaway worktree at
 * origin/<base>, never in the checkout (which the workflow holds at the built commit), and on a
 * rejected push (main moved) starts again from the new main. Refused (exit 3) while dev is on
 * hold, when the revision is not on main, and when dev already runs a newer release.
 */
export async function releaseCommand(runtime: Runtime, options: ReleaseOptions): Promise<number> {
  const root = (await new Git(runtime.cwd).run(['rev-parse', '--show-toplevel'])).trim();
  const git = new Git(root);
  for (let attempt = 1; ; attempt++) {
    await git.run(['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${options.base}:refs/remotes/origin/${options.base}`]);
    const base = (await git.run(['rev-parse', `refs/remotes/origin/${options.base}`])).trim();
    if ((await git.run(['cat-file', '-t', options.revision], { allowExitCodes: [128] })).trim() !== 'commit') throw new UsageError(`--revision ${options.revision}: no such commit in this clone (fetch-depth: 0?)`);
    if (!(await git.isAncestor(options.revision, base))) throw new RefusedError(`not releasing ${shortDigest(options.digest)}: its source ${options.revision.slice(0, 12)} is not on ${options.base}; a release is built from a merged commit`);
    const holdText = await git.show(base, holdPath('dev'));
    if (holdText !== undefined) throw new RefusedError(`not releasing ${shortDigest(options.digest)} to dev: ${describeHold(parseHold(holdPath('dev'), holdText))}; ${liftInstructions('dev')}`);
    const file = environmentPath('dev');
    const current = (await git.show(base, file)) ?? '';
    const { text, environment } = withImageDigest(file, current, options.digest, options.revision);
    const currentRevision = parseEnvironmentFile(file, current).image.revision;
    if (text === current) {
      runtime.out(`dev already runs ${options.digest} (source ${options.revision.slice(0, 12)}): nothing to commit`);
      return 0;
    }
    // Two merges in quick succession can finish their builds out of order: never let the older one win.
    if (currentRevision !== undefined && currentRevision !== options.revision && (await git.isAncestor(options.revision, currentRevision))) {
      throw new RefusedError(`not releasing ${shortDigest(options.digest)} (source ${options.revision.slice(0, 12)}): dev already runs a newer release (source ${currentRevision.slice(0, 12)}); older releases go back only by rollback`);
    }
    if (options['dry-run']) {
      runtime.out(`dry run: would write ${environment.image.digest ?? ''} (source ${options.revision.slice(0, 12)}) to ${file} on ${options.base} at ${base.slice(0, 12)}, regenerate manifests/dev and commit${options.push ? ' and push' : ''}`);
      return 0;
    }
    const temp = mkdtempSync(path.join(tmpdir(), 'release-'));
    const worktree = path.join(temp, 'checkout');
    let commit: string;
    try {
      await git.run(['worktree', 'add', '--quiet', '--detach', worktree, base]);
      commit = await commitChange(worktree, { target: 'dev', environment, environmentText: text, hold: undefined, message: `Release ${options.digest} to dev [skip ci]\n\nSource-Revision: ${options.revision}` }, renderCache(git));
    } finally {
      await git.run(['worktree', 'remove', '--force', worktree]).catch(() => undefined);
      rmSync(temp, { recursive: true, force: true });
    }
    if (!options.push) {
      runtime.out(`committed ${commit.slice(0, 12)} on ${base.slice(0, 12)} (not pushed: no --push): dev runs ${options.digest} built from ${options.revision.slice(0, 12)}`);
      return 0;
    }
    try {
      await git.run(['push', '--quiet', 'origin', `${commit}:refs/heads/${options.base}`]);
    } catch (error) {
      // main moved since the fetch (another merge or promotion): redo the release on the new main.
      if (attempt >= 3) throw error;
      continue;
    }
    runtime.out(`committed ${commit.slice(0, 12)} and pushed to ${options.base}: dev runs ${options.digest} built from ${options.revision.slice(0, 12)}`);
    return 0;
  }
}
