import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitHubDouble } from '../../promote/test/support/github-double.js';
import { summaryMarker } from './markdown.js';
import { upsertSummaryComment, type CommentTarget } from './github-comment.js';

// Against the GitHub double, which checks every request against GitHub's REST description.
describe('the pull request summary comment', () => {
  let github: GitHubDouble;
  let target: CommentTarget;

  beforeEach(async () => {
    github = await new GitHubDouble('octo', 'shop', 'test-token').start();
    target = { apiUrl: github.url, token: 'test-token', repository: 'octo/shop', pullNumber: 1 };
    const created = await fetch(`${github.url}/repos/octo/shop/pulls`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'A change', head: 'feature', base: 'main', body: 'text' }),
    });
    expect(created.status).toBe(201);
    await fetch(`${github.url}/repos/octo/shop/issues/1/comments`, { method: 'POST', headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Looks good to me.' }) });
  });
  afterEach(async () => {
    await github.stop();
  });

  it('adds the comment once, then edits it on every later run', async () => {
    expect(await upsertSummaryComment(target, `${summaryMarker}\nfirst run`)).toBe('created');
    expect(await upsertSummaryComment(target, `${summaryMarker}\nsecond run`)).toBe('updated');
    expect(github.pulls[0]?.comments).toEqual(['Looks good to me.', `${summaryMarker}\nsecond run`]);
    expect(github.requests.map((request) => request.operationId).slice(-4)).toEqual(['issues/list-comments', 'issues/create-comment', 'issues/list-comments', 'issues/update-comment']);
    expect(github.violations).toEqual([]);
  });

  it('names the request and GitHub’s answer when GitHub refuses', async () => {
    github.failNext('issues/list-comments', 403, {}, 'Resource not accessible by integration');
    await expect(upsertSummaryComment(target, `${summaryMarker}\nrun`)).rejects.toThrow(/GitHub answered 403 to GET \/repos\/octo\/shop\/issues\/1\/comments\?per_page=100&page=1: .*Resource not accessible by integration/);
  });
});
