import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EnvironmentName } from '@storefront/environments';
import { regenerateEnvironment } from '@storefront/manifests/regenerate';
import { Git } from './git.js';
import { environmentPath } from './history.js';
import { formatHold, holdPath, type Hold } from './hold.js';

/* eslint-disable security/detect-non-literal-fs-filename -- a temporary worktree this module creates, and paths built from the environment enum */

export interface Change {
  readonly target: EnvironmentName;
  readonly environmentText: string;
  /** A hold to write, 'lift' to delete the target's hold, or undefined to leave holds alone. */
  readonly hold: Hold | 'lift' | undefined;
  readonly message: string;
}

/**
 * Writes a change into `root` (a checkout): the environment file, the hold, manifests/<target>
 * regenerated, staged and committed. Returns the new commit.
 */
export async function commitChange(root: string, change: Change): Promise<string> {
  const git = new Git(root);
  writeFileSync(path.join(root, environmentPath(change.target)), change.environmentText);
  if (change.hold === 'lift') rmSync(path.join(root, holdPath(change.target)), { force: true });
  else if (change.hold !== undefined) writeFileSync(path.join(root, holdPath(change.target)), formatHold(change.hold));
  regenerateEnvironment(root, change.target);
  await git.run(['add', '-A', '--', 'environments', `manifests/${change.target}`]);
  await git.run(['commit', '--quiet', '-m', change.message]);
  return (await git.run(['rev-parse', 'HEAD'])).trim();
}

/**
 * Makes the change on a throwaway worktree at `baseRevision` (the caller's checkout is not
 * touched), pushes it to `branch` on origin, then runs `publish` (the pull request). If
 * `publish` throws, the remote branch is put back as it was before this run (deleted when this
 * run created it), so no half-made branch is left behind.
 */
export async function pushChange<T>(git: Git, baseRevision: string, branch: string, change: Change, publish: (commit: string) => Promise<T>): Promise<{ commit: string; pushed: boolean; result: T }> {
  const temp = mkdtempSync(path.join(tmpdir(), 'promote-'));
  const worktree = path.join(temp, 'checkout');
  await git.run(['worktree', 'add', '--quiet', '--detach', worktree, baseRevision]);
  let commit: string;
  let pushed = false;
  const previous = await git.remoteBranch('origin', branch);
  try {
    commit = await commitChange(worktree, change);
    if (previous !== undefined) {
      await git.run(['fetch', '--quiet', '--no-tags', 'origin', `refs/heads/${branch}`]);
      // Same base and same content as the branch already has: keep it (and its reviews) as it is.
      const same = (await git.run(['rev-parse', `${previous}^`, `${previous}^{tree}`])).trim() === (await git.run(['rev-parse', `${commit}^`, `${commit}^{tree}`])).trim();
      if (same) commit = previous;
    }
    if (commit !== previous) {
      await git.run(['push', '--quiet', '--force', 'origin', `${commit}:refs/heads/${branch}`]);
      pushed = true;
    }
  } finally {
    await git.run(['worktree', 'remove', '--force', worktree]).catch(() => undefined);
    rmSync(temp, { recursive: true, force: true });
  }
  try {
    return { commit, pushed, result: await publish(commit) };
  } catch (error) {
    if (!pushed) throw error;
    if (previous === undefined) await git.run(['push', '--quiet', 'origin', '--delete', branch]).catch(() => undefined);
    else await git.run(['push', '--quiet', '--force', 'origin', `${previous}:refs/heads/${branch}`]).catch(() => undefined);
    const cleanup = previous === undefined ? `deleted the branch ${branch} it had pushed` : `put ${branch} back to ${previous.slice(0, 12)}`;
    throw Object.assign(error as Error, { message: `${(error as Error).message} (${cleanup})` });
  }
}
