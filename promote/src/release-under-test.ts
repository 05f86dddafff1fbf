import { environmentPath, type EnvironmentName } from '@storefront/environments';
import { RefusedError, UsageError } from './errors.js';
import type { Git } from './git.js';
import { digestHistory, shortDigest, type DigestRecord } from './history.js';

/** A release as verify.yml names it: the image digest and the commit it was built from. */
export interface ReleaseId {
  readonly digest: string;
  readonly revision: string | undefined;
}

export function describeRelease(release: ReleaseId): string {
  return `${shortDigest(release.digest)}${release.revision === undefined ? '' : ` (source ${release.revision.slice(0, 12)})`}`;
}

/**
 * The release the environment file declared at `synced` (the main commit Argo CD synced, from
 * the deploy notification), checked against the images Argo CD reports running: a sync that
 * left another digest running is not a deploy of this release.
 */
export async function releaseAtSync(git: Git, base: string, env: EnvironmentName, synced: string, images: readonly string[] | undefined): Promise<DigestRecord> {
  if (!(await git.isAncestor(synced, base).catch(() => false))) throw new UsageError(`--synced ${synced}: not a commit on the base branch`);
  const record = (await digestHistory(git, synced, env))[0];
  if (record === undefined) throw new UsageError(`${environmentPath(env)} has no digest at ${synced.slice(0, 12)}`);
  if (images !== undefined && !images.some((image) => image.endsWith(`@${record.digest}`))) {
    throw new RefusedError(`${env} at ${synced.slice(0, 12)} declares ${describeRelease(record)}, but Argo CD reports ${images.length === 0 ? 'no image' : images.join(', ')} running: not verifying a release that is not deployed`);
  }
  return record;
}

/**
 * The record of `release` if it is still what the environment runs on the base branch; a
 * result for a release since replaced is refused, never credited to its successor.
 */
export async function currentRelease(git: Git, base: string, env: EnvironmentName, release: ReleaseId): Promise<DigestRecord> {
  const current = (await digestHistory(git, base, env))[0];
  if (current === undefined) throw new UsageError(`${environmentPath(env)} has no digest in its history`);
  const same = current.digest === release.digest && (release.revision === undefined || current.revision === release.revision);
  if (!same) {
    throw new RefusedError(`${env} no longer runs ${describeRelease(release)}: it runs ${describeRelease(current)} since ${current.commit.slice(0, 12)}; a result for a replaced release is not recorded`);
  }
  return current;
}
