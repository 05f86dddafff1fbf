import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkDependencies } from '../../src/revision-worktree.js';
import { environmentNames, environmentPath } from '@storefront/environments';
import { manifestsPath, repositoryRoot } from '../../src/repository.js';

/**
 * What a revision needs to render an environment, copied from this checkout: the render code
 * (manifests/src, environments/src, the app's config schema behind `@storefront/app/config`
 * and what it imports), the package files and the lockfile
 * (identical, so release worktrees link this checkout's node_modules instead of installing).
 */
export const renderCode = ['package.json', 'package-lock.json', '.gitignore', 'tsconfig.base.json', 'manifests/package.json', 'manifests/tsconfig.json', 'manifests/src', 'environments/package.json', 'environments/src', 'app/package.json', 'app/src/config.ts', 'app/src/observability/tracing-config.ts'];

/** The generated files synth:check compares, besides manifests/<env>. */
export const generatedArgoCd = ['argocd/root.yaml', 'argocd/apps', 'argocd/projects', 'argocd/notifications'];

export function copyRenderCode(to: string): void {
  for (const entry of renderCode) cpSync(path.join(repositoryRoot, entry), path.join(to, entry), { recursive: true });
}

/** A throwaway Git repository holding this repository's render code, environments and generated files. */
export class ReleaseRepository {
  readonly root = mkdtempSync(path.join(tmpdir(), 'release-render-'));

  constructor() {
    this.git('init', '--quiet', '--initial-branch=main');
    this.git('config', 'user.name', 'Render Test');
    this.git('config', 'user.email', 'render@example.com');
    copyRenderCode(this.root);
    for (const entry of [...environmentNames.map(environmentPath), ...environmentNames.map(manifestsPath), ...generatedArgoCd]) {
      cpSync(path.join(repositoryRoot, entry), path.join(this.root, entry), { recursive: true });
    }
    this.commit('Initial import');
  }

  git(...args: string[]): string {
    return execFileSync('git', args, { cwd: this.root, encoding: 'utf8' });
  }

  file(relative: string): string {
    return readFileSync(path.join(this.root, relative), 'utf8');
  }

  write(relative: string, content: string): void {
    writeFileSync(path.join(this.root, relative), content);
  }

  /** Replaces `from` with `to` in a file; fails when `from` is not there, so an edit never silently does nothing. */
  edit(relative: string, from: string, to: string): void {
    const text = this.file(relative);
    if (!text.includes(from)) throw new Error(`${relative} does not contain ${from}`);
    this.write(relative, text.replace(from, to));
  }

  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '--quiet', '-m', message);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** Runs this repository's own `npm run synth` (or `synth:check`), on node_modules linked to this checkout's. */
  synth(check: boolean): { code: number; out: string } {
    if (!existsSync(path.join(this.root, 'node_modules'))) linkDependencies(path.join(repositoryRoot, 'node_modules'), path.join(this.root, 'node_modules'));
    try {
      const out = execFileSync(process.execPath, [path.join(this.root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'manifests/src/main.ts', ...(check ? ['--check'] : [])], { cwd: this.root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      return { code: 0, out };
    } catch (error) {
      const failure = error as { status?: number; stdout?: string; stderr?: string };
      return { code: failure.status ?? -1, out: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
