import { parse } from 'yaml';
import { environmentPath, type EnvironmentName } from '@storefront/environments';
import type { Git } from './git.js';

/** One release an environment ran (image digest and, when recorded, its source revision), and the commit that put it there. */
export interface DigestRecord {
  readonly digest: string;
  /** The commit on main the image was built from (`image.revision`); undefined for releases recorded before it was. */
  readonly revision: string | undefined;
  /** The commit (on the base branch's first-parent line) that wrote this digest into the file. */
  readonly commit: string;
}

function releaseIn(text: string | undefined): { digest: string; revision: string | undefined } | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = parse(text);
    const image = (value as { image?: { digest?: unknown; revision?: unknown } } | null)?.image;
    if (typeof image?.digest !== 'string') return undefined;
    return { digest: image.digest, revision: typeof image.revision === 'string' ? image.revision : undefined };
  } catch {
    return undefined;
  }
}

/**
 * The digests environments/<env>.yaml has held at `revision` and before, newest first, one
 * record per run of the same digest (a commit that changed other keys does not count).
 */
export async function digestHistory(git: Git, revision: string, env: EnvironmentName): Promise<DigestRecord[]> {
  // A revision here is a commit hash (immutable), so its history can be kept.
  const key = `${git.cwd}\0${revision}\0${env}`;
  const cached = historyCache.get(key);
  if (cached) return cached;
  const records = await readHistory(git, revision, env);
  historyCache.set(key, records);
  return records;
}

const historyCache = new Map<string, DigestRecord[]>();

async function readHistory(git: Git, revision: string, env: EnvironmentName): Promise<DigestRecord[]> {
  const file = environmentPath(env);
  const records: { digest: string; revision: string | undefined; commit: string }[] = [];
  for (const commit of await git.commitsTouching(revision, file)) {
    const release = releaseIn(await git.show(commit, file));
    if (release === undefined) continue;
    const last = records.at(-1);
    if (last?.digest === release.digest) last.commit = commit;
    else records.push({ ...release, commit });
  }
  return records;
}

/** Whether `digest` was ever in the history (for "prod only takes a digest stage has run"). */
export function hasRun(history: readonly DigestRecord[], digest: string): boolean {
  return history.some((record) => record.digest === digest);
}

/** Distinct earlier digests (current excluded), newest first: what `rollback --steps N` picks from. */
export function earlierDigests(history: readonly DigestRecord[]): DigestRecord[] {
  const current = history[0]?.digest;
  const seen = new Set<string>(current === undefined ? [] : [current]);
  const result: DigestRecord[] = [];
  for (const record of history.slice(1)) {
    if (seen.has(record.digest)) continue;
    seen.add(record.digest);
    result.push(record);
  }
  return result;
}

export function shortDigest(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, 12);
}
