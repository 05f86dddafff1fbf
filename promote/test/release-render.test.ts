import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'ReleaseRenderTokenValue0123456789abcdefg'].join('_');
const [D1, D2] = ['1', '2'].map((c) => digest(c)) as [string, string];
const environments = ['dev', 'stage', 'prod'] as const;
const configMap = 'configmap-storefront.yaml';

/**
 * A manifest-code change (a new key in manifests/src/constructs/config-map.ts) reaches dev only
 * with the next release, stage only by the promotion to stage, prod only by the promotion to
 * prod, and leaves prod again with a rollback: each environment renders with the render code at
 * its own release (image.revision), on a bare remote whose repository holds the real render code.
 */
describe('a manifest-code change moves with the releases, never on its own', { timeout: 300_000 }, () => {
  const fixture = new Fixture({ renderCode: true });
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  const promote = (...argv: string[]) => fixture.promote(...argv);
  /** Which environments' ConfigMaps on main carry FEATURE_X. */
  const featureOnMain = () => environments.filter((env) => 'FEATURE_X' in (parse(fixture.remoteFile('main', `manifests/${env}/${configMap}`)) as { data: Record<string, string> }).data);
  const check = async (branch: string, labels: readonly string[]) => {
    fixture.sync();
    fixture.git('fetch', '--quiet', 'origin');
    return promote('check', '--base-sha', fixture.mainHead(), '--head-sha', fixture.git('rev-parse', `origin/${branch}`).trim(), '--labels', labels.join(','));
  };
  /** GitHub's merge button after the policy check passed. */
  const mergePullRequest = async (branch: string) => {
    const pr = github.pulls.find((p) => p.head === branch && p.state === 'open');
    const result = await check(branch, pr?.labels ?? []);
    expect(result.out, `policy check of ${branch}`).toContain('promotion policy: passed');
    fixture.merge(branch);
    github.markMerged(branch);
  };
  /** A pull request branch made by hand from main. */
  const pushBranch = (name: string, edit: (root: string) => void) => {
    fixture.sync();
    fixture.git('checkout', '--quiet', '-B', name, 'origin/main');
    edit(fixture.clone);
    fixture.git('add', '-A');
    fixture.git('commit', '--quiet', '-m', name);
    fixture.git('push', '--quiet', '--force', 'origin', name);
    fixture.git('checkout', '--quiet', 'main');
  };
  const addFeatureKey = (root: string) => {
    const file = path.join(root, 'manifests/src/constructs/config-map.ts');
    const text = readFileSync(file, 'utf8');
    expect(text).toContain("    HOST: '0.0.0.0',\n");
    writeFileSync(file, text.replace("    HOST: '0.0.0.0',\n", "    HOST: '0.0.0.0',\n    FEATURE_X: 'on',\n"));
  };
  const timed = async <T>(what: string, step: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await step();
    console.log(`${what}: ${(performance.now() - started).toFixed(0)} ms`);
    return result;
  };

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url, GITHUB_ACTOR: 'rel-manager' };
    // Every environment runs release 1, built from a commit with today's render code.
    const r1 = fixture.appCommit('feat: wishlists');
    expect((await timed('release 1 to dev (release worktree made)', () => promote('release', '--digest', D1, '--revision', r1, '--push'))).code).toBe(0);
    for (const env of ['stage', 'prod']) {
      expect((await timed(`open ${env} for release 1`, () => promote('open', '--to', env, '--force', '--reason', 'no gates in this test'))).code).toBe(0);
      await mergePullRequest(`promote/${env}-111111111111`);
    }
  }, 240_000);
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('the code change merges alone: no environment changes, and regenerating one in the same pull request is refused', async () => {
    expect(featureOnMain()).toEqual([]);
    // What npm run synth on the old rule wrote: the new key in prod's ConfigMap in the same pull request.
    pushBranch('feature-x-regenerated', (root) => {
      addFeatureKey(root);
      const file = path.join(root, 'manifests/prod', configMap);
      writeFileSync(file, readFileSync(file, 'utf8').replace('  HOST: 0.0.0.0\n', '  FEATURE_X: "on"\n  HOST: 0.0.0.0\n'));
    });
    const refused = await check('feature-x-regenerated', []);
    console.log(refused.out);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain(`refused: generated files: manifests/prod differs from its render by the code of prod's release ${fixture.git('log', '-1', '--format=%H', '--grep', 'wishlists', 'origin/main').trim().slice(0, 12)} (manifests/prod/${configMap}); a pull request that changes render code regenerates no environment`);
    pushBranch('feature-x', addFeatureKey);
    await mergePullRequest('feature-x');
    expect(featureOnMain()).toEqual([]);
  });

  it('reaches dev with the next release', async () => {
    const r2 = fixture.mainHead();
    expect((await timed('release 2 to dev', () => promote('release', '--digest', D2, '--revision', r2, '--push'))).code).toBe(0);
    expect(featureOnMain()).toEqual(['dev']);
  });

  it('reaches stage only by the promotion to stage, whose pull request shows it', async () => {
    expect((await timed('open stage for release 2', () => promote('open', '--to', 'stage', '--force', '--reason', 'no gates in this test'))).code).toBe(0);
    const pr = github.pulls.find((p) => p.head === 'promote/stage-222222222222');
    expect(pr?.body).toContain('+  FEATURE_X: on\n');
    expect(fixture.remoteGit('diff', '--name-only', 'main', 'promote/stage-222222222222').split('\n')).toContain(`manifests/stage/${configMap}`);
    expect(featureOnMain()).toEqual(['dev']);
    await mergePullRequest('promote/stage-222222222222');
    expect(featureOnMain()).toEqual(['dev', 'stage']);
  });

  it('reaches prod only by the promotion to prod', async () => {
    expect((await timed('open prod for release 2', () => promote('open', '--to', 'prod', '--force', '--reason', 'no gates in this test'))).code).toBe(0);
    expect(featureOnMain()).toEqual(['dev', 'stage']);
    await mergePullRequest('promote/prod-222222222222');
    expect(featureOnMain()).toEqual(['dev', 'stage', 'prod']);
  });

  it('leaves prod again with a rollback, which takes release 1\'s manifests back with its image', async () => {
    expect((await timed('rollback prod to release 1', () => promote('rollback', '--env', 'prod', '--reason', 'FEATURE_X breaks checkout'))).code).toBe(0);
    await mergePullRequest('rollback/prod-111111111111');
    expect(featureOnMain()).toEqual(['dev', 'stage']);
  });

  it('every request matched GitHub\'s REST description', () => {
    expect(github.violations).toEqual([]);
  });
});
