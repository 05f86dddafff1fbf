import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { environmentFile, environmentNames, environmentPath } from '@storefront/environments';
import { copyRenderCode } from '../../../manifests/test/support/release-repository.js';
import { run } from '../../src/main.js';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const digest = (char: string) => `sha256:${char.repeat(64)}`;

export interface Result {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/**
 * A bare "origin" and a clone of it in a temp folder, holding this repository's real
 * environments/, manifests/<env>/ and app/migrations, with the committer a test identity.
 * With `renderCode`, also the render code (manifests/src, environments/src, the app's config schema)
 * and the package files, so environments render at their releases' revisions; without it,
 * revisions predate the render entry point and render with this checkout's code.
 */
export class Fixture {
  readonly root = mkdtempSync(path.join(tmpdir(), 'promote-test-'));
  readonly remote = path.join(this.root, 'origin.git');
  readonly clone = path.join(this.root, 'clone');
  env: NodeJS.ProcessEnv = {};
  now = new Date('2026-11-22T10:00:00.000Z');

  constructor(options: { renderCode?: boolean } = {}) {
    execFileSync('git', ['init', '--quiet', '--bare', '--initial-branch=main', this.remote]);
    execFileSync('git', ['clone', '--quiet', this.remote, this.clone], { stdio: 'ignore' });
    this.git('config', 'user.name', 'Rel Manager');
    this.git('config', 'user.email', 'rel@example.com');
    this.git('checkout', '--quiet', '-b', 'main');
    mkdirSync(path.join(this.clone, 'environments'));
    for (const env of environmentNames) {
      // Soak time is measured against real commit dates and `now` is fixed: only the soak
      // tests set requiredSoakTime (soak.test.ts), so every other story promotes at once.
      const text = readFileSync(environmentFile(env), 'utf8');
      writeFileSync(path.join(this.clone, environmentPath(env)), text.replace(/^ {2}requiredSoakTime: .*\n/m, ''));
      cpSync(path.join(repositoryRoot, 'manifests', env), path.join(this.clone, 'manifests', env), { recursive: true });
    }
    cpSync(path.join(repositoryRoot, 'app', 'migrations'), path.join(this.clone, 'app', 'migrations'), { recursive: true, filter: (source) => !source.endsWith('.md') });
    if (options.renderCode) copyRenderCode(this.clone);
    this.git('add', '-A');
    this.git('commit', '--quiet', '-m', 'Initial import');
    this.git('push', '--quiet', 'origin', 'main');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.clone, encoding: 'utf8' });
  }

  remoteGit(...args: string[]): string {
    return execFileSync('git', ['--git-dir', this.remote, ...args], { encoding: 'utf8' });
  }

  remoteBranch(branch: string): string | undefined {
    try {
      return this.remoteGit('rev-parse', '--verify', '--quiet', `refs/heads/${branch}`).trim();
    } catch {
      return undefined;
    }
  }

  remoteFile(ref: string, file: string): string {
    return this.remoteGit('show', `${ref}:${file}`);
  }

  /** An ordinary change to the app, committed and pushed to main. */
  appCommit(subject: string): string {
    this.sync();
    const file = path.join(this.clone, 'CHANGES.md');
    writeFileSync(file, `${readOr(file)}${subject}\n`);
    this.git('add', 'CHANGES.md');
    this.git('commit', '--quiet', '-m', subject);
    this.git('push', '--quiet', 'origin', 'main');
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Brings the clone's main up to the remote's (the release step pushes from a worktree of its own). */
  sync(): void {
    this.git('fetch', '--quiet', 'origin');
    this.git('merge', '--quiet', '--ff-only', 'origin/main');
  }

  /** The commit main points to on the remote (what release.yml's github.sha is after a merge). */
  mainHead(): string {
    return this.remoteGit('rev-parse', 'main').trim();
  }

  /** Merges a pushed branch into main with a merge commit, as GitHub does. */
  merge(branch: string): void {
    this.sync();
    this.git('merge', '--quiet', '--no-ff', '-m', `Merge ${branch}`, `origin/${branch}`);
    this.git('push', '--quiet', 'origin', 'main');
  }

  /** The commit on main that last changed a file. */
  lastCommitTouching(file: string): string {
    this.git('fetch', '--quiet', 'origin');
    return this.git('log', '-1', '--first-parent', '--format=%H', 'origin/main', '--', file).trim();
  }

  async promote(...argv: string[]): Promise<Result> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(argv, { cwd: this.clone, env: this.env, out: (t) => out.push(t), err: (t) => err.push(t), now: () => this.now });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
