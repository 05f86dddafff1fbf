import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { environmentPath } from '@storefront/environments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'SoakTokenValue0123456789abcdefghijklmnop'].join('_');
const D1 = digest('1');

describe('soak time: a release moves on only after it has run its required time in the source environment', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  let deployedAt = new Date();

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url, GITHUB_ACTOR: 'rel-manager' };
    // dev requires an hour (verification is the last block of dev.yaml).
    appendFileSync(path.join(fixture.clone, environmentPath('dev')), '  requiredSoakTime: 1h\n');
    fixture.git('commit', '--quiet', '-am', 'dev: require an hour of soak');
    fixture.git('push', '--quiet', 'origin', 'main');
    const revision = fixture.appCommit('feat: product comparisons');
    expect((await fixture.promote('release', '--digest', D1, '--revision', revision, '--push')).code).toBe(0);
    const released = fixture.lastCommitTouching('environments/dev.yaml');
    deployedAt = new Date(fixture.git('log', '-1', '--format=%aI', released).trim());
    github.setStatus(released, 'e2e/dev', 'success');
    github.setStatus(released, 'load/dev', 'success');
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('blocks a release that has run 20 minutes, and plan says how long is left', async () => {
    fixture.now = new Date(deployedAt.getTime() + 20 * 60_000);
    const plan = await fixture.promote('plan', '--to', 'stage');
    expect(plan.out).toContain(`  soak:        1h required, 40m left (running since ${fixture.git('log', '-1', '--format=%aI', fixture.lastCommitTouching('environments/dev.yaml')).trim()})`);
    const open = await fixture.promote('open', '--to', 'stage');
    console.log(`after 20m: exit ${open.code}: ${open.err}`);
    expect(open.code).toBe(3);
    expect(open.err).toMatch(/^promote: refused: soak time: dev requires 1h of running 111111111111 before it moves on; 40m left \(running since .*\); wait, or pass --force --reason "\.\.\."$/);
    expect(fixture.remoteBranch('promote/stage-111111111111')).toBeUndefined();
  });

  it('allows it once the hour has passed', async () => {
    fixture.now = new Date(deployedAt.getTime() + 61 * 60_000);
    expect((await fixture.promote('plan', '--to', 'stage')).out).toContain('  soak:        1h required, done');
    const open = await fixture.promote('open', '--to', 'stage');
    console.log(`after 61m: exit ${open.code}: ${open.out.split('\n')[0] ?? ''}`);
    expect(open.err).toBe('');
    expect(open.code).toBe(0);
    expect(fixture.remoteBranch('promote/stage-111111111111')).toBeDefined();
    expect(github.pulls.find((p) => p.head === 'promote/stage-111111111111')?.body).toContain('**Soak time** in dev: 1h required, done');
  });
});
