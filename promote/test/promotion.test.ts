import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { environmentPath, parseEnvironmentFile } from '@storefront/environments';
import { renderOne } from '@storefront/manifests/regenerate';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'TestTokenThatMustNeverBePrinted0123456789'].join('_');
const placeholder = 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417';
const D1 = digest('1');
const D2 = digest('2');

/** A fresh render of one environment as its file is on the remote's `ref`. */
function freshSynth(fixture: Fixture, ref: string, env: 'dev' | 'stage' | 'prod'): Map<string, string> {
  return renderOne(parseEnvironmentFile(environmentPath(env), fixture.remoteFile(ref, environmentPath(env))));
}

function expectManifestsMatchSynth(fixture: Fixture, ref: string, env: 'dev' | 'stage' | 'prod'): void {
  const expected = freshSynth(fixture, ref, env);
  const listed = fixture.remoteGit('ls-tree', '--name-only', `${ref}:manifests/${env}`).trim().split('\n').map((f) => `manifests/${env}/${f}`);
  expect(listed.sort()).toEqual([...expected.keys()].sort());
  for (const [file, content] of expected) expect(fixture.remoteFile(ref, file), file).toBe(content);
}

describe('a digest from dev to stage to prod, a rollback and its hold, against a real remote and the GitHub double', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  const merge = (branch: string) => {
    fixture.merge(branch);
    github.markMerged(branch);
  };
  const outputs: string[] = [];
  const promote = async (...argv: string[]) => {
    const result = await fixture.promote(...argv);
    outputs.push(result.out, result.err);
    return result;
  };
  let stageBranch = '';
  let revision2 = '';
  let first = '';

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url, GITHUB_ACTOR: 'rel-manager' };
    first = fixture.appCommit('feat: compare products side by side');
    expect((await promote('release', '--digest', D1, '--revision', first, '--push')).code).toBe(0);
    fixture.git('pull', '--quiet', 'origin', 'main');
    fixture.appCommit('fix: search finds model numbers');
    revision2 = fixture.appCommit('feat: vouchers for students');
    expect((await promote('release', '--digest', D2, '--revision', revision2, '--push')).code).toBe(0);
    fixture.git('pull', '--quiet', 'origin', 'main');
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('release writes the digest to dev, regenerates manifests/dev and commits with [skip ci]', () => {
    expect(parse(fixture.remoteFile('main', 'environments/dev.yaml'))).toMatchObject({ image: { digest: D2 } });
    expect(fixture.remoteFile('main', 'environments/dev.yaml')).toContain('# dev: every merge to main lands here');
    expect(fixture.remoteGit('log', '-1', '--format=%s|%an', 'main').trim()).toBe(`Release ${D2} to dev [skip ci]|Rel Manager`);
    expectManifestsMatchSynth(fixture, 'main', 'dev');
    expect(fixture.remoteFile('main', 'manifests/dev/deployment-storefront.yaml')).toContain(`@${D2}`);
  });

  it('status shows what each environment runs, since which commit, and how far dev is ahead', async () => {
    const result = await promote('status', '--json');
    expect(result.code).toBe(0);
    const status = JSON.parse(result.out) as { environments: { env: string; digest: string; commit: { subject: string } }[]; ahead: { devOfStage: number; stageOfProd: number } };
    expect(status.environments.map((e) => [e.env, e.digest])).toEqual([['dev', D2], ['stage', placeholder], ['prod', placeholder]]);
    expect(status.environments[0]?.commit.subject).toBe(`Release ${D2} to dev [skip ci]`);
    expect(status.ahead).toEqual({ devOfStage: 4, stageOfProd: 0 });
    const text = await promote('status');
    expect(text.out).toContain('dev is 4 commits ahead of stage; stage is 0 commits ahead of prod');
  });

  it('plan shows digests, commits, the manifest diff and missing gates without changing anything', async () => {
    const before = fixture.remoteGit('for-each-ref', '--format=%(refname)').trim();
    const result = await promote('plan', '--to', 'stage');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`stage runs:   ${placeholder}`);
    expect(result.out).toContain(`would run:   ${D2}`);
    expect(result.out).toMatch(/e2e\/dev\s+MISSING/);
    expect(result.out).toContain('feat: vouchers for students');
    expect(result.out).toContain(`+          image: ghcr.io/bitshop-dev/storefront@${D2}`);
    expect(result.out).toContain('manifests:   manifests/stage/deployment-storefront.yaml, manifests/stage/job-storefront-migrate.yaml');
    expect(fixture.remoteGit('for-each-ref', '--format=%(refname)').trim()).toBe(before);
    expect(github.pulls).toHaveLength(0);
  });

  it('open refuses a digest whose gates are missing or failed, and pushes nothing', async () => {
    const sourceCommit = fixture.lastCommitTouching('environments/dev.yaml');
    github.setStatus(sourceCommit, 'e2e/dev', 'success', 'https://qa.example.com/e2e/report.html');
    github.setStatus(sourceCommit, 'load/dev', 'failure', 'https://qa.example.com/load/summary.txt');
    const result = await promote('open', '--to', 'stage');
    expect(result.code).toBe(3);
    expect(result.err).toContain('dev has not passed its gates');
    expect(result.err).toContain('load/dev failure');
    expect(fixture.remoteBranch('promote/stage-222222222222')).toBeUndefined();
  });

  it('open --dry-run says what it would do and changes nothing', async () => {
    const sourceCommit = fixture.lastCommitTouching('environments/dev.yaml');
    github.setStatus(sourceCommit, 'load/dev', 'success', 'https://qa.example.com/load/summary.txt');
    const result = await promote('open', '--to', 'stage', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toContain('dry run: would push promote/stage-222222222222');
    expect(fixture.remoteBranch('promote/stage-222222222222')).toBeUndefined();
    expect(github.pulls).toHaveLength(0);
  });

  it('open commits the digest and regenerated manifests on promote/stage-<digest> and opens one labelled pull request', async () => {
    const result = await promote('open', '--to', 'stage');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    stageBranch = 'promote/stage-222222222222';
    expect(result.out).toContain('opened pull request #1');
    const head = fixture.remoteBranch(stageBranch);
    expect(head).toBeDefined();
    expect(fixture.remoteGit('log', '-1', '--format=%s|%an|%ae', stageBranch).trim()).toBe(`Promote dev to stage: ${D2}|Rel Manager|rel@example.com`);
    expect(fixture.remoteGit('rev-parse', `${stageBranch}^`).trim()).toBe(fixture.remoteGit('rev-parse', 'main').trim());
    expect(fixture.remoteGit('diff', '--name-only', `main..${stageBranch}`).trim().split('\n')).toEqual([
      'environments/stage.yaml',
      'manifests/stage/deployment-storefront.yaml',
      'manifests/stage/job-storefront-migrate.yaml',
    ]);
    const stage = fixture.remoteFile(stageBranch, 'environments/stage.yaml');
    expect(stage).toContain('# stage: promoted from dev by pull request');
    expect(parse(stage)).toMatchObject({ image: { digest: D2 } });
    expectManifestsMatchSynth(fixture, stageBranch, 'stage');

    expect(github.pulls).toHaveLength(1);
    const pr = github.pulls[0];
    expect(pr).toMatchObject({ head: stageBranch, base: 'main', title: 'Promote dev to stage: 222222222222', labels: ['promotion', 'env:stage'] });
    expect(pr?.body).toContain(`| stage runs now | \`${placeholder}\` |`);
    expect(pr?.body).toContain(`| after this pull request | \`${D2}\` |`);
    expect(pr?.body).toContain('[e2e report](https://qa.example.com/e2e/report.html)');
    expect(pr?.body).toContain('[load summary](https://qa.example.com/load/summary.txt)');
    expect(pr?.body).toMatch(/\| `e2e\/dev` \| passed/);
    expect(pr?.body).toContain('### Commits (4)');
    expect(pr?.body).toContain('feat: compare products side by side (Rel Manager)');
    expect(pr?.body).toContain('https://github.com/bitshop-dev/storefront/commit/');
    expect(pr?.body).toContain('```diff');
    expect(pr?.body).toContain(`+          image: ghcr.io/bitshop-dev/storefront@${D2}`);
  });

  it('a re-run updates the same branch and the same pull request, never a second one', async () => {
    const first = fixture.remoteBranch(stageBranch);
    fixture.now = new Date('2026-11-22T11:00:00.000Z');
    const result = await promote('open', '--to', 'stage');
    expect(result.code).toBe(0);
    expect(result.out).toContain('updated pull request #1');
    expect(github.pulls).toHaveLength(1);
    // Nothing changed on main or in the plan: the branch (and any review on it) stays as it was.
    expect(fixture.remoteBranch(stageBranch)).toBe(first);
    expect(result.out).toContain('(unchanged: same base and content)');
    expect(github.requests.filter((r) => r.operationId === 'pulls/create')).toHaveLength(1);
    expect(github.requests.filter((r) => r.operationId === 'pulls/update')).toHaveLength(1);
  });

  it('after main moves on, a re-run rebuilds the branch on the new main, still in the same pull request', async () => {
    const first = fixture.remoteBranch(stageBranch);
    fixture.git('pull', '--quiet', 'origin', 'main');
    fixture.appCommit('docs: explain vouchers');
    const result = await promote('open', '--to', 'stage');
    expect(result.code).toBe(0);
    expect(result.out).toContain('updated pull request #1');
    expect(fixture.remoteBranch(stageBranch)).not.toBe(first);
    expect(fixture.remoteGit('rev-parse', `${stageBranch}^`).trim()).toBe(fixture.remoteGit('rev-parse', 'main').trim());
    expect(github.pulls).toHaveLength(1);
    expectManifestsMatchSynth(fixture, stageBranch, 'stage');
  });

  it('prod refuses a digest that never ran in stage', async () => {
    const result = await promote('open', '--to', 'prod', '--digest', D2, '--force', '--reason', 'hotfix for checkout');
    expect(result.code).toBe(3);
    expect(result.err).toContain(`prod only takes a digest that has run in stage: ${D2} was never in environments/stage.yaml`);
    expect(fixture.remoteBranch('promote/prod-222222222222')).toBeUndefined();
  });

  it('after the stage pull request merges, prod takes that digest, and --force records its reason', async () => {
    merge(stageBranch);
    const result = await promote('open', '--to', 'prod', '--force', '--reason', 'load runner down; e2e green on stage');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('gates overridden with --force (e2e/stage missing, load/stage missing, slo/stage missing)');
    const pr = github.pulls.find((p) => p.head === 'promote/prod-222222222222');
    expect(pr?.labels).toEqual(['promotion', 'env:prod', 'gates-forced']);
    expect(pr?.body).toContain('**Gates overridden with --force** by rel-manager: load runner down; e2e green on stage');
    expect(pr?.body).toMatch(/\| `load\/stage` \| MISSING \| none \|/);
    expect(fixture.remoteGit('log', '-1', '--format=%B', 'promote/prod-222222222222')).toContain('Gates overridden: load runner down; e2e green on stage');
    expectManifestsMatchSynth(fixture, 'promote/prod-222222222222', 'prod');
    merge('promote/prod-222222222222');
  });

  it('open refuses to move an environment to an older release: that is a rollback, which holds it', async () => {
    const result = await promote('open', '--to', 'stage', '--digest', D1, '--force', '--reason', 'try the older one');
    expect(result.code).toBe(3);
    expect(result.err).toContain(`${D1} (source ${first.slice(0, 12)}) is older than what stage runs (source ${revision2.slice(0, 12)}): going back is a rollback`);
  });

  it('rollback opens a pull request to the previous digest with a hold beside the config', async () => {
    const result = await promote('rollback', '--env', 'prod', '--steps', '1', '--reason', 'checkout errors after 222222222222');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const branch = 'rollback/prod-8845f9dbfe85';
    expect(parse(fixture.remoteFile(branch, 'environments/prod.yaml'))).toMatchObject({ image: { digest: placeholder } });
    expectManifestsMatchSynth(fixture, branch, 'prod');
    const hold = fixture.remoteFile(branch, 'environments/prod.hold.yaml');
    expect(parse(hold)).toEqual({ environment: 'prod', digest: placeholder, reason: 'checkout errors after 222222222222', setBy: 'rel-manager', setAt: '2026-11-22T11:00:00.000Z', rolledBackFrom: { digest: D2, revision: revision2 } });
    expect(hold).toContain('npm run promote -- open --to prod --lift-hold');
    expect(fixture.remoteGit('log', '-1', '--format=%s', branch).trim()).toBe(`Roll back prod to ${placeholder} and hold it`);
    const pr = github.pulls.find((p) => p.head === branch);
    expect(pr?.labels).toEqual(['rollback', 'env:prod']);
    expect(pr?.body).toContain('sets a hold on it');
    expect(pr?.body).toContain('### Commits (4, taken out)');
    merge(branch);
  });

  it('rollback --to refuses a digest the environment never ran', async () => {
    const result = await promote('rollback', '--env', 'prod', '--to', D1, '--reason', 'try the older one');
    expect(result.code).toBe(3);
    expect(result.err).toContain('prod never ran it');
  });

  it('while the hold stands, open refuses to move prod forward and says how to lift it', async () => {
    const result = await promote('open', '--to', 'prod', '--force', '--reason', 'try again');
    expect(result.code).toBe(3);
    expect(result.err).toContain('prod is on hold since 2026-11-22T11:00:00.000Z (set by rel-manager');
    expect(result.err).toContain('npm run promote -- open --to prod --lift-hold --reason');
    expect((await promote('status')).out).toContain('HOLD: prod is on hold');
  });

  it('lifting the hold onto the very release it rolled back from needs --force with a reason', async () => {
    const result = await promote('open', '--to', 'prod', '--lift-hold', '--reason', 'should be fine now');
    expect(result.code).toBe(3);
    expect(result.err).toContain(`prod was rolled back from ${D2} (checkout errors after 222222222222); lifting the hold onto that same release needs --force --reason`);
  });

  it('open --lift-hold promotes again and deletes the hold in the same commit', async () => {
    const result = await promote('open', '--to', 'prod', '--lift-hold', '--force', '--reason', 'checkout fixed in 222222222222 config');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const branch = 'promote/prod-222222222222';
    expect(fixture.remoteGit('ls-tree', '--name-only', `${branch}:environments`)).not.toContain('prod.hold.yaml');
    expect(fixture.remoteGit('diff', '--name-status', `main..${branch}`)).toContain('D\tenvironments/prod.hold.yaml');
    // The promotion to prod merged earlier; lifting opens a new pull request from the same branch.
    const lift = github.pulls.find((p) => p.head === branch && p.state === 'open');
    expect(lift?.body).toContain('**Lifts the hold** set by rel-manager');
    expect(lift?.labels).toEqual(['promotion', 'env:prod', 'lift-hold', 'gates-forced', 'hold-forced']);
  });

  it('a hold on dev stops the release workflow with a clear reason', async () => {
    expect((await promote('rollback', '--env', 'dev', '--reason', 'bad release')).code).toBe(0);
    merge('rollback/dev-111111111111');
    fixture.git('pull', '--quiet', 'origin', 'main');
    const before = fixture.remoteGit('rev-parse', 'main').trim();
    const result = await promote('release', '--digest', digest('3'), '--revision', fixture.mainHead(), '--push');
    expect(result.code).toBe(3);
    expect(result.err).toContain('not releasing 333333333333 to dev: dev is on hold');
    expect(fixture.remoteGit('rev-parse', 'main').trim()).toBe(before);
  });

  it('open --to dev --lift-hold opens a pull request that only deletes the hold; after it merges, releases reach dev again', async () => {
    const result = await promote('open', '--to', 'dev', '--lift-hold', '--reason', 'fixed forward in the next merge');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(fixture.remoteGit('diff', '--name-status', 'main..lift-hold/dev').trim()).toBe('D\tenvironments/dev.hold.yaml');
    expect(github.pulls.find((p) => p.head === 'lift-hold/dev')).toMatchObject({ title: 'Lift the hold on dev', labels: ['lift-hold', 'env:dev'] });
    merge('lift-hold/dev');
    expect((await promote('release', '--digest', digest('3'), '--revision', fixture.mainHead(), '--push')).code).toBe(0);
    expect(parse(fixture.remoteFile('main', 'environments/dev.yaml'))).toMatchObject({ image: { digest: digest('3') } });
  });

  it('release replays its commit on main when main moved after the checkout', async () => {
    const built = fixture.appCommit('feat: gift cards');
    fixture.git('reset', '--quiet', '--hard', 'HEAD~1');
    const result = await promote('release', '--digest', digest('5'), '--revision', built, '--push');
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(fixture.remoteGit('log', '-2', '--format=%s', 'main').trim().split('\n')).toEqual([`Release ${digest('5')} to dev [skip ci]`, 'feat: gift cards']);
    expectManifestsMatchSynth(fixture, 'main', 'dev');
  });

  it('every request matched GitHub\'s REST description and carried the token; the token was never printed', () => {
    expect(github.violations).toEqual([]);
    expect(github.requests.length).toBeGreaterThan(10);
    expect(github.requests.every((r) => r.authorization === `token ${token}`)).toBe(true);
    for (const output of outputs) expect(output).not.toContain(token);
  });
});
