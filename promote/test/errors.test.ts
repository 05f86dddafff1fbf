import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { environmentPath } from '@storefront/environments';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GitHubDouble } from './support/github-double.js';
import { digest, Fixture, repositoryRoot } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'AnotherSecretTokenValue9876543210abcdef'].join('_');
const branch = 'promote/stage-444444444444';

describe('GitHub errors leave no half-made branch and say what went wrong', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (b) => fixture.remoteBranch(b) !== undefined);
  const printed: string[] = [];

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url };
    expect((await fixture.promote('release', '--digest', digest('4'), '--revision', fixture.mainHead(), '--push')).code).toBe(0);
    const sourceCommit = fixture.lastCommitTouching('environments/dev.yaml');
    github.setStatus(sourceCommit, 'e2e/dev', 'success');
    github.setStatus(sourceCommit, 'load/dev', 'success');
  });
  beforeEach(() => {
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url };
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  const open = async () => {
    const result = await fixture.promote('open', '--to', 'stage');
    printed.push(result.out, result.err);
    return result;
  };

  it('401: names the token as the problem, without printing it, and deletes the branch it pushed', async () => {
    github.failNext('pulls/list', 401, {}, 'Bad credentials');
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain('GitHub refused to look for an open pull request from promote/stage-444444444444: HTTP 401 bad credentials: GITHUB_TOKEN is missing, expired or revoked');
    expect(result.err).toContain(`(deleted the branch ${branch} it had pushed)`);
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('a wrong token is refused by the double itself (401) the same way', async () => {
    fixture.env = { ...fixture.env, GITHUB_TOKEN: 'ghp_wrongwrongwrongwrong' };
    const result = await open();
    printed.push(result.err.replaceAll('ghp_wrongwrongwrongwrong', ''));
    expect(result.code).toBe(1);
    expect(result.err).toContain('HTTP 401');
    expect(result.err).not.toContain('ghp_wrong');
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('404: points at GITHUB_REPOSITORY', async () => {
    fixture.env = { ...fixture.env, GITHUB_REPOSITORY: 'bitshop-dev/nope' };
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain('HTTP 404 not found: check GITHUB_REPOSITORY');
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('422: shows GitHub\'s validation message', async () => {
    github.failNext('pulls/create', 422, {}, 'Validation Failed');
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain('GitHub refused to open a pull request from promote/stage-444444444444: HTTP 422 validation failed: Validation Failed');
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('403 rate limit: says when the limit resets', async () => {
    github.failNext('pulls/create', 403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1800000000' }, 'API rate limit exceeded');
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain('rate limited (HTTP 403): the limit resets at 2027-01-15T08:00:00.000Z');
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('429 secondary rate limit: says how long to wait', async () => {
    github.failNext('pulls/list', 429, { 'retry-after': '60' }, 'secondary rate limit');
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain('rate limited (HTTP 429): retry after 60 s');
    expect(fixture.remoteBranch(branch)).toBeUndefined();
  });

  it('a failure on a re-run puts an existing branch back where it was', async () => {
    expect((await open()).code).toBe(0);
    const before = fixture.remoteBranch(branch);
    expect(before).toBeDefined();
    fixture.git('pull', '--quiet', 'origin', 'main');
    fixture.appCommit('feat: main moved on');
    github.failNext('issues/add-labels', 422, {}, 'Validation Failed');
    const result = await open();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`(put ${branch} back to ${before?.slice(0, 12) ?? ''})`);
    expect(fixture.remoteBranch(branch)).toBe(before);
    expect(github.pulls).toHaveLength(1);
  });

  it('never printed the token, and sent only documented requests', () => {
    for (const text of printed) expect(text).not.toContain(token);
    expect(github.violations).toEqual([]);
  });
});

describe('bad flags and bad files: one clear line and exit code 2', () => {
  const fixture = new Fixture();
  beforeAll(() => {
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront' };
  });
  afterAll(() => {
    fixture.cleanup();
  });

  it.each([
    [['open', '--to', 'qa'], 'promote: open: --to: expected one of dev, stage, prod'],
    [['open', '--to', 'prod', '--force'], 'promote: open: --reason: --force needs --reason "<why the gates may be skipped>"'],
    [['open', '--to', 'prod', '--digest', 'sha256:abc'], 'promote: open: --digest: expected sha256: followed by 64 lowercase hex characters'],
    [['rollback', '--env', 'prod'], 'promote: rollback: --reason: required: say why, in a few words'],
    [['rollback', '--env', 'prod', '--steps', '0', '--reason', 'bad deploy'], 'promote: rollback: --steps: expected at least 1'],
    [['rollback', '--env', 'prod', '--steps', '1', '--to', digest('a'), '--reason', 'bad deploy'], 'promote: rollback: --steps: give --to <digest> or --steps <n>, not both'],
    [['status', '--to', 'prod'], 'promote: status: --to does not apply to this command'],
    [['status', '--bogus'], "promote: Unknown option '--bogus'"],
    [['deploy'], 'promote: unknown command deploy: expected one of status, plan, open, rollback, release, check, gate, deployed, stale, slo'],
    [['open', '--to', 'stage', '--lift-hold', '--reason', 'all good now'], 'promote: --lift-hold: stage has no hold (no environments/stage.hold.yaml on main)'],
  ])('%j', async (argv, message) => {
    const result = await fixture.promote(...argv);
    expect(result.err).toBe(message);
    expect(result.code).toBe(2);
  });

  it('a command that talks to GitHub without GITHUB_TOKEN says so', async () => {
    const result = await fixture.promote('rollback', '--env', 'dev', '--to', digest('a'), '--reason', 'x y z');
    expect(result.code).toBe(3);
    const gate = await fixture.promote('gate', '--env', 'dev', '--kind', 'e2e', '--state', 'success', '--digest', 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417');
    expect(gate.err).toBe('promote: GITHUB_TOKEN is not set: this command talks to GitHub');
    expect(gate.code).toBe(2);
  });

  it('a broken environment file on main names the file and the key', async () => {
    const file = path.join(fixture.clone, environmentPath('stage'));
    fixture.git('checkout', '--quiet', '-b', 'broken');
    writeFileSync(file, fixture.git('show', `HEAD:${environmentPath('stage')}`).replace('minReplicas: 2', 'minReplicas: two'));
    fixture.git('commit', '--quiet', '-am', 'break stage');
    fixture.git('push', '--quiet', 'origin', 'broken');
    const result = await fixture.promote('plan', '--to', 'prod', '--base', 'broken');
    expect(result.err).toBe('promote: environments/stage.yaml: autoscaling.minReplicas: expected a whole number');
    expect(result.code).toBe(2);
  });

  it('npm run promote exits 2 on bad flags and never echoes the token', async () => {
    const secret = ['ghp', 'ProcessLevelSecret000111222333444555'].join('_');
    const result = await promisify(execFile)('npm', ['run', '--silent', 'promote', '--', 'open', '--to', 'nowhere'], { cwd: repositoryRoot, env: { ...process.env, GITHUB_TOKEN: secret } }).then(
      () => ({ code: 0, stdout: '', stderr: '' }),
      (error: unknown) => error as { code: number; stdout: string; stderr: string },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('promote: open: --to: expected one of dev, stage, prod');
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
