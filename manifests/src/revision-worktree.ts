import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from './repository.js';

/* eslint-disable security/detect-non-literal-fs-filename -- paths under the cache folder the caller names, a 40-hex revision, and node_modules entries */

/** Thrown for anything that stops a render at a release's revision; the message is one line. */
export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

export function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' } });
}

/** The default cache: .synth/ at the top of the checkout `root` belongs to (ignored by .gitignore). */
export function defaultCache(root: string): string {
  return path.join(git(root, ['rev-parse', '--show-toplevel']).trim(), '.synth');
}

/**
 * A detached worktree of `revision` under `cache`, with its dependencies installed, created
 * once and reused (a revision's files never change). The repository is the one `root` belongs
 * to. Dependencies: when the revision's package-lock.json is this checkout's, node_modules is
 * linked to this checkout's (no install); otherwise `npm ci` from the revision's own lockfile.
 */
export function revisionWorktree(root: string, revision: string, cache: string): string {
  const worktree = path.join(cache, revision);
  const ready = `${worktree}.ready`;
  if (existsSync(ready) && existsSync(path.join(worktree, 'node_modules'))) return worktree;
  mkdirSync(cache, { recursive: true });
  // A half-made worktree (an interrupted run) is thrown away and made again.
  if (existsSync(worktree)) {
    try {
      git(root, ['worktree', 'remove', '--force', worktree]);
    } catch {
      rmSync(worktree, { recursive: true, force: true });
    }
  }
  git(root, ['worktree', 'prune']);
  git(root, ['worktree', 'add', '--quiet', '--detach', worktree, revision]);
  installDependencies(worktree, revision);
  writeFileSync(ready, `${revision}\n`);
  return worktree;
}

function installDependencies(worktree: string, revision: string): void {
  const lockfile = (root: string) => (existsSync(path.join(root, 'package-lock.json')) ? readFileSync(path.join(root, 'package-lock.json'), 'utf8') : undefined);
  const own = lockfile(worktree);
  if (own !== undefined && own === lockfile(repositoryRoot) && existsSync(path.join(repositoryRoot, 'node_modules'))) {
    linkDependencies(path.join(repositoryRoot, 'node_modules'), path.join(worktree, 'node_modules'));
    return;
  }
  // Install scripts are skipped: rendering needs the packages' code, not their native builds.
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], { cwd: worktree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (install.status !== 0) {
    const detail = install.stderr.trim().split('\n').filter(Boolean).at(-1) ?? install.error?.message ?? `exit ${String(install.status)}`;
    throw new RenderError(`installing the dependencies of revision ${revision.slice(0, 12)} (npm ci from its own package-lock.json) failed: ${detail}`);
  }
}

/**
 * Makes `to` a node_modules that resolves every package to `from`'s copy, except the
 * workspace packages (@storefront/environments, ...): those are relative links into the
 * repository, copied as they are so they point at the revision's own folders and its render
 * code runs with its own schema.
 */
export function linkDependencies(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from)) {
    const source = path.join(from, entry);
    const target = path.join(to, entry);
    const stat = lstatSync(source);
    if (stat.isSymbolicLink()) {
      symlinkSync(readlinkSync(source), target);
    } else if (stat.isDirectory() && entry.startsWith('@') && readdirSync(source).some((child) => lstatSync(path.join(source, child)).isSymbolicLink())) {
      linkDependencies(source, target);
    } else {
      symlinkSync(source, target);
    }
  }
}

const revisionName = /^[0-9a-f]{40}$/;

/**
 * Removes the cached worktrees (and their `.ready` marks) of every revision not in `keep`: each
 * holds a checkout and often its own node_modules, and every promotion would add one for good.
 * Returns the revisions removed. Only folders named by a revision are touched.
 */
export function pruneRevisionWorktrees(root: string, cache: string, keep: ReadonlySet<string>): string[] {
  if (!existsSync(cache)) return [];
  const removed = new Set<string>();
  for (const entry of readdirSync(cache)) {
    const revision = entry.endsWith('.ready') ? entry.slice(0, -'.ready'.length) : entry;
    if (!revisionName.test(revision) || keep.has(revision)) continue;
    const target = path.join(cache, entry);
    if (entry === revision) {
      try {
        git(root, ['worktree', 'remove', '--force', target]);
      } catch {
        // Not a registered worktree (copied, or half made): the folder goes all the same.
      }
    }
    rmSync(target, { recursive: true, force: true });
    removed.add(revision);
  }
  if (removed.size > 0) git(root, ['worktree', 'prune']);
  return [...removed].sort();
}

