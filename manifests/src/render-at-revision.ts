import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { environmentPath, parseEnvironmentFile, type Environment, type EnvironmentName } from '@storefront/environments';
import { manifestsPath } from './repository.js';
import { defaultCache, git, RenderError, revisionWorktree } from './revision-worktree.js';
import { renderOne } from './synth.js';

/* eslint-disable security/detect-non-literal-fs-filename -- a temp folder this module creates, and the worktree revisionWorktree made */

/** The entry point a revision must have to render at it; revisions before it render from the checkout. */
export const entryPoint = 'manifests/src/render-environment.ts';

/** `image.revision` of an environment file's text, read without a schema (any release's file). */
export function releaseRevision(text: string): string | undefined {
  try {
    const revision = (parse(text) as { image?: { revision?: unknown } } | null)?.image?.revision;
    return typeof revision === 'string' && /^[0-9a-f]{40}$/.test(revision) ? revision : undefined;
  } catch {
    return undefined;
  }
}

export interface RenderedEnvironment {
  /** Repository-relative path to content: manifests/<env>/<kind>-<name>.yaml. */
  readonly files: Map<string, string>;
  /** The revision whose render code produced them; undefined when it was this checkout's. */
  readonly revision: string | undefined;
}

/**
 * Renders manifests/<name> from the environment file's `text` (its current knobs) with the
 * render code at the environment's release, `image.revision`: that revision's
 * render-environment.ts, run in a cached worktree of the repository `root` belongs to.
 * Without a revision, or at a revision from before that entry point existed, the render code
 * of this checkout renders it. Refusals are one-line RenderErrors naming environment and
 * revision; a file this checkout's schema refuses throws its EnvironmentFileError.
 */
export function renderAtRelease(root: string, name: EnvironmentName, text: string, options: { cache?: string } = {}): RenderedEnvironment {
  const revision = releaseRevision(text);
  const files = revision === undefined ? undefined : renderAtRevision(root, name, text, revision, options.cache);
  if (files === undefined || revision === undefined) return { files: renderOne(parseEnvironmentFile(environmentPath(name), text)), revision: undefined };
  return { files, revision };
}

/**
 * `renderAtRelease` for an environment this checkout's schema has already validated (the
 * promotion tool's, after it wrote the release): rendered from that object when this checkout's
 * code renders it, so the file is not read and parsed a second time. `text` is the file as
 * written, for a release's own render code, which validates it with its own schema.
 */
export function renderValidatedAtRelease(root: string, environment: Environment, text: string, options: { cache?: string } = {}): RenderedEnvironment {
  const { revision } = environment.image;
  const files = revision === undefined ? undefined : renderAtRevision(root, environment.name, text, revision, options.cache);
  if (files === undefined || revision === undefined) return { files: renderOne(environment), revision: undefined };
  return { files, revision };
}

/**
 * manifests/<name>'s files rendered from `text` by the render code at `revision`, or undefined
 * when that revision predates the entry point (this checkout's code renders it then).
 */
function renderAtRevision(root: string, name: EnvironmentName, text: string, revision: string, cache: string | undefined): Map<string, string> | undefined {
  const file = environmentPath(name);
  const short = revision.slice(0, 12);
  let kind: string;
  try {
    kind = git(root, ['cat-file', '-t', revision]).trim();
  } catch {
    kind = 'missing';
  }
  if (kind !== 'commit') throw new RenderError(`${manifestsPath(name)}: ${file} records the release revision ${short}, which is not a commit in this repository (fetch the whole history: git fetch --unshallow, or fetch-depth: 0)`);
  try {
    git(root, ['cat-file', '-e', `${revision}:${entryPoint}`]);
  } catch {
    return undefined;
  }
  const worktree = revisionWorktree(root, revision, cache ?? defaultCache(root));
  const temp = mkdtempSync(path.join(tmpdir(), 'synth-release-'));
  try {
    const input = path.join(temp, `${name}.yaml`);
    const out = path.join(temp, 'out');
    writeFileSync(input, text);
    // tsx as a loader in one process (its CLI would start a second); resolved from the worktree's node_modules.
    const result = spawnSync(process.execPath, ['--import', 'tsx', entryPoint, name, input, out], { cwd: worktree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const detail = result.stderr.trim().split('\n').filter(Boolean);
    if (result.status === 1) {
      throw new RenderError(`${manifestsPath(name)}: the render code of ${name}'s release ${short} refuses ${file}: ${detail.join('; ')} (a knob newer than that release waits until a release that knows it reaches ${name})`);
    }
    if (result.status !== 0) throw new RenderError(`${manifestsPath(name)}: rendering at ${name}'s release ${short} failed: ${detail.at(-1) ?? result.error?.message ?? `exit ${String(result.status)}`}`);
    const files = new Map<string, string>();
    for (const entry of readdirSync(out).sort()) files.set(`${manifestsPath(name)}/${entry}`, readFileSync(path.join(out, entry), 'utf8'));
    return files;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
