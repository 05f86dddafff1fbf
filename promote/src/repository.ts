import { EnvironmentFileError, environmentNames, environmentPath, parseEnvironmentFile, type Environment, type EnvironmentName } from '@storefront/environments';
import { UsageError } from './errors.js';
import type { Git } from './git.js';
import { parseHold, holdPath, type Hold } from './hold.js';

/** The environment files and holds as they are at one revision of the base branch. */
export interface Snapshot {
  readonly revision: string;
  readonly texts: ReadonlyMap<EnvironmentName, string>;
  readonly environments: ReadonlyMap<EnvironmentName, Environment>;
  readonly holds: ReadonlyMap<EnvironmentName, Hold>;
}

export async function readSnapshot(git: Git, revision: string): Promise<Snapshot> {
  const texts = new Map<EnvironmentName, string>();
  const environments = new Map<EnvironmentName, Environment>();
  const holds = new Map<EnvironmentName, Hold>();
  for (const name of environmentNames) {
    const file = environmentPath(name);
    const text = await git.show(revision, file);
    if (text === undefined) throw new UsageError(`${file}: not found at ${revision}`);
    try {
      environments.set(name, parseEnvironmentFile(file, text));
    } catch (error) {
      if (error instanceof EnvironmentFileError) throw new UsageError(error.message);
      throw error;
    }
    texts.set(name, text);
    const holdText = await git.show(revision, holdPath(name));
    if (holdText !== undefined) holds.set(name, parseHold(holdPath(name), holdText));
  }
  return { revision, texts, environments, holds };
}

export function environmentOf(snapshot: Snapshot, name: EnvironmentName): Environment {
  const env = snapshot.environments.get(name);
  if (env === undefined) throw new UsageError(`${environmentPath(name)}: not loaded`);
  return env;
}

export function digestOf(snapshot: Snapshot, name: EnvironmentName): string {
  const digest = environmentOf(snapshot, name).image.digest;
  if (digest === undefined) throw new UsageError(`${environmentPath(name)}: image.digest: expected a digest (promotion moves digests, not tags)`);
  return digest;
}

/** dev promotes to stage, stage to prod. */
export function sourceOf(target: EnvironmentName): EnvironmentName | undefined {
  return target === 'stage' ? 'dev' : target === 'prod' ? 'stage' : undefined;
}
