import { existsSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentPath, type EnvironmentName } from '@storefront/environments';
import { renderAtRelease } from '../src/render-at-revision.js';
import { ReleaseRepository } from './support/release-repository.js';

/**
 * manifests/<env> is rendered by the render code at the environment's release (image.revision),
 * in a real Git repository holding this repository's render code: synth, synth:check, a schema
 * that predates a knob, a revision the repository does not have.
 */
describe('each environment renders from its own release', { timeout: 120_000 }, () => {
  const repo = new ReleaseRepository();
  const configMap = (env: string) => (parse(repo.file(`manifests/${env}/configmap-storefront.yaml`)) as { data: Record<string, string> }).data;
  const setRevision = (env: EnvironmentName, revision: string) => {
    repo.edit(environmentPath(env), '  digest: sha256:', `  revision: ${revision}\n  digest: sha256:`);
  };
  const first = repo.git('rev-parse', 'HEAD').trim();
  // A manifest-code change after `first`: a new key in the ConfigMap.
  repo.edit('manifests/src/constructs/config-map.ts', "    HOST: '0.0.0.0',", "    HOST: '0.0.0.0',\n    FEATURE_X: 'on',");
  const second = repo.commit('feat: FEATURE_X in the ConfigMap');
  afterAll(() => {
    repo.cleanup();
  });

  it('synth renders stage and prod with the code of their own releases, dev (no revision) with the checkout', () => {
    setRevision('stage', second);
    setRevision('prod', first);
    const started = performance.now();
    const result = repo.synth(false);
    console.log(`synth with two releases (worktrees made, node_modules linked): ${(performance.now() - started).toFixed(0)} ms`);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain(`render code of stage at ${second.slice(0, 12)}, prod at ${first.slice(0, 12)}`);
    expect(configMap('dev').FEATURE_X).toBe('on');
    expect(configMap('stage').FEATURE_X).toBe('on');
    expect(configMap('prod')).not.toHaveProperty('FEATURE_X');
    expect(repo.git('status', '--porcelain', '--', '.synth')).toBe(''); // the release worktrees are ignored
    repo.commit('stage and prod record their releases');
    const again = performance.now();
    const check = repo.synth(true);
    console.log(`synth:check with cached release worktrees: ${(performance.now() - again).toFixed(0)} ms`);
    expect(check.code, check.out).toBe(0);
  });

  it('synth:check names a hand edit of a release-rendered environment', () => {
    repo.edit('manifests/prod/configmap-storefront.yaml', '  HOST: 0.0.0.0\n', '  HOST: 0.0.0.0\n  FEATURE_X: "on"\n');
    const check = repo.synth(true);
    expect(check.code).toBe(1);
    expect(check.out).toContain('differs: manifests/prod/configmap-storefront.yaml');
    expect(check.out).not.toContain('manifests/stage');
    repo.git('checkout', '--', 'manifests/prod');
  });

  it('a release whose app predates a variable refuses it in app:, naming the environment and the revision', () => {
    const config = repo.file('app/src/config.ts');
    const withoutCartTtl = config.replace(/^ {2}CART_TTL_DAYS: [\s\S]*?\n(?= {2}[A-Z_]+: )/m, '');
    expect(withoutCartTtl).not.toContain('CART_TTL_DAYS');
    repo.write('app/src/config.ts', withoutCartTtl);
    const older = repo.commit('a release before the app read CART_TTL_DAYS');
    repo.git('revert', '--no-edit', '--quiet', 'HEAD');
    const text = repo.file('environments/prod.yaml').replace(first, older).replace('  SHUTDOWN_TIMEOUT_MS: 15000\n', '  SHUTDOWN_TIMEOUT_MS: 15000\n  CART_TTL_DAYS: 14\n');
    const refusal = (() => {
      try {
        renderAtRelease(repo.root, 'prod', text, { cache: `${repo.root}/.synth` });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    console.log(refusal);
    expect(refusal).toBe(`manifests/prod: the render code of prod's release ${older.slice(0, 12)} refuses environments/prod.yaml: environments/prod.yaml: app.CART_TTL_DAYS: not a variable the app reads (app/src/config.ts) (a knob newer than that release waits until a release that knows it reaches prod)`);
    // The same file renders at the release whose app reads the variable.
    const rendered = renderAtRelease(repo.root, 'prod', text.replace(older, second), { cache: `${repo.root}/.synth` });
    expect((parse(rendered.files.get('manifests/prod/configmap-storefront.yaml') ?? '') as { data: Record<string, string> }).data.CART_TTL_DAYS).toBe('14');
  });

  it('synth removes the cached worktrees of releases no environment records, and keeps those it renders with', () => {
    repo.write('NOTES.md', 'a commit no environment records\n');
    const stray = repo.commit('a release never promoted');
    const strayWorktree = `${repo.root}/.synth/${stray}`;
    repo.git('worktree', 'add', '--quiet', '--detach', strayWorktree, stray);
    writeFileSync(`${strayWorktree}.ready`, `${stray}\n`);
    const result = repo.synth(true);
    expect(result.code, result.out).toBe(0);
    const removal = result.out.split('\n').find((line) => line.startsWith('removed the cached worktrees of'));
    expect(removal, result.out).toContain(stray.slice(0, 12));
    expect(existsSync(strayWorktree)).toBe(false);
    expect(existsSync(`${strayWorktree}.ready`)).toBe(false);
    expect(repo.git('worktree', 'list')).not.toContain(`.synth/${stray}`);
    for (const kept of [first, second]) expect(existsSync(`${repo.root}/.synth/${kept}.ready`), kept).toBe(true);
  });

  it('a revision missing from the repository is one clear line', () => {
    const missing = 'f'.repeat(40);
    repo.write('environments/stage.yaml', repo.file('environments/stage.yaml').replace(second, missing));
    const result = repo.synth(true);
    expect(result.code).toBe(1);
    expect(result.out.trim().split('\n')).toEqual([`manifests/stage: environments/stage.yaml records the release revision ${missing.slice(0, 12)}, which is not a commit in this repository (fetch the whole history: git fetch --unshallow, or fetch-depth: 0)`]);
    repo.git('checkout', '--', 'environments/stage.yaml');
  });
});
