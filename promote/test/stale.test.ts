import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubDouble } from './support/github-double.js';
import { Fixture } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['ghp', 'StaleTokenValue0123456789abcdefghijklmno'].join('_');

describe('stale: a release without gate results for too long is flagged (silent verification)', () => {
  const fixture = new Fixture();
  const github = new GitHubDouble('bitshop-dev', 'storefront', token, (branch) => fixture.remoteBranch(branch) !== undefined);
  let importedAt = new Date();

  beforeAll(async () => {
    await github.start();
    fixture.env = { GITHUB_TOKEN: token, GITHUB_REPOSITORY: 'bitshop-dev/storefront', GITHUB_API_URL: github.url };
    importedAt = new Date(fixture.git('log', '-1', '--format=%aI', 'HEAD').trim());
  });
  afterAll(async () => {
    await github.stop();
    fixture.cleanup();
  });

  it('says nothing while the releases are younger than the limit', async () => {
    fixture.now = new Date(importedAt.getTime() + 60 * 60_000);
    const result = await fixture.promote('stale', '--max-age', '2h');
    expect(result.code).toBe(0);
    expect(result.out).toBe('every release older than 2h has a result for each of its gates');
  });

  it('flags each environment whose release has no result for a required gate after the limit; a failure is a result', async () => {
    fixture.now = new Date(importedAt.getTime() + 3 * 60 * 60_000);
    const head = fixture.mainHead();
    github.setStatus(head, 'e2e/dev', 'success');
    github.setStatus(head, 'load/dev', 'failure');
    github.setStatus(head, 'e2e/prod', 'pending');
    const result = await fixture.promote('stale', '--max-age', '2h');
    console.log(`stale after 3h: exit ${result.code}\n${result.out}\n${result.err}`);
    expect(result.code).toBe(3);
    expect(result.out).not.toContain('dev runs');
    expect(result.out).toMatch(/^stage runs 8845f9dbfe85 since .* \(3h\) without a result for e2e\/stage \(missing\), load\/stage \(missing\), slo\/stage \(missing\)$/m);
    expect(result.out).toMatch(/^prod runs 8845f9dbfe85 since .* \(3h\) without a result for e2e\/prod \(pending\), load\/prod \(missing\), slo\/prod \(missing\)$/m);
    expect(result.err).toBe('promote: refused: 2 releases without gate results after 2h: is verify.yml being started (Argo CD notifications token)?');
  });
});
