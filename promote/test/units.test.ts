import { describe, expect, it } from 'vitest';
import { repositoryFromRemote } from '../src/context.js';
import { evaluateGates, gateContext, gatesPassed } from '../src/gates.js';
import { describeGitHubError } from '../src/github.js';
import { redactUrls } from '../src/git.js';
import { earlierDigests, hasRun, shortDigest } from '../src/history.js';
import { parseHold } from '../src/hold.js';
import { GitHubDouble } from './support/github-double.js';

const d = (c: string) => `sha256:${c.repeat(64)}`;

describe('history', () => {
  const history = [
    { digest: d('3'), revision: undefined, commit: 'c3' },
    { digest: d('2'), revision: undefined, commit: 'c2' },
    { digest: d('3'), revision: undefined, commit: 'c1b' },
    { digest: d('1'), revision: undefined, commit: 'c1' },
  ];
  it('lists distinct earlier digests, newest first, without the current one', () => {
    expect(earlierDigests(history).map((r) => r.digest)).toEqual([d('2'), d('1')]);
  });
  it('knows whether a digest ever ran', () => {
    expect(hasRun(history, d('1'))).toBe(true);
    expect(hasRun(history, d('9'))).toBe(false);
    expect(shortDigest(d('a'))).toBe('aaaaaaaaaaaa');
  });
});

describe('gates', () => {
  it('are e2e/<env> and load/<env>, and pass only when both are success', () => {
    expect(gateContext('e2e', 'dev')).toBe('e2e/dev');
    const gates = evaluateGates('dev', [
      { context: 'e2e/dev', state: 'success', target_url: 'https://r' },
      { context: 'load/stage', state: 'success' },
    ]);
    expect(gates.map((g) => [g.context, g.state])).toEqual([['e2e/dev', 'success'], ['load/dev', 'missing']]);
    expect(gatesPassed(gates)).toBe(false);
    expect(evaluateGates('dev', undefined).every((g) => g.state === 'unknown')).toBe(true);
  });
});

describe('context and messages', () => {
  it.each([
    ['https://github.com/bitshop-dev/storefront.git', 'bitshop-dev/storefront'],
    ['git@github.com:bitshop-dev/storefront.git', 'bitshop-dev/storefront'],
    ['ssh://git@github.com/bitshop-dev/storefront', 'bitshop-dev/storefront'],
    ['/tmp/origin.git', undefined],
  ])('reads the repository from the remote %s', (url, expected) => {
    expect(repositoryFromRemote(url)).toBe(expected);
  });

  it('removes credentials from URLs in git messages', () => {
    expect(redactUrls('fatal: unable to access https://x-access-token:ghs_abc@github.com/o/r.git/')).toBe('fatal: unable to access https://***@github.com/o/r.git/');
  });

  it('explains a 403 without rate-limit headers as missing permissions', () => {
    expect(describeGitHubError({ status: 403, response: { headers: {}, data: { message: 'Resource not accessible by integration' } } })).toBe(
      'HTTP 403 forbidden: the token lacks permission (needs contents: write and pull-requests: write): Resource not accessible by integration',
    );
  });

  it('validates hold files with their own schema', () => {
    expect(() => parseHold('environments/prod.hold.yaml', 'environment: prod\ndigest: nope\n')).toThrow(/environments\/prod\.hold\.yaml: digest: expected sha256:/);
  });
});

describe('the GitHub double', () => {
  it('flags requests that GitHub\'s description does not allow', async () => {
    const github = await new GitHubDouble('o', 'r', 't').start();
    try {
      const post = (path: string, body: unknown) => fetch(`${github.url}${path}`, { method: 'POST', headers: { authorization: 'token t', 'content-type': 'application/json' }, body: JSON.stringify(body) });
      await post('/repos/o/r/pulls', { head: 'x', base: 'main', title: 't', colour: 'red' });
      await post('/repos/o/r/statuses/abc', { state: 'great' });
      await fetch(`${github.url}/repos/o/r/pulls?state=sideways`, { headers: { authorization: 'token t' } });
      await post('/repos/o/r/no-such-thing', {});
      expect(github.violations).toEqual([
        'pulls/create: undocumented body field colour',
        expect.stringMatching(/^repos\/create-commit-status: body: data\/state must be equal to one of the allowed values/),
        expect.stringMatching(/^pulls\/list: query parameter state=sideways: data\/v must be equal to one of the allowed values/),
        'post /repos/o/r/no-such-thing: no such operation in GitHub\'s REST description'.replace('post', 'POST'),
      ]);
    } finally {
      await github.stop();
    }
  });
});
