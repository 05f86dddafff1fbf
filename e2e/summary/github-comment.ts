import { summaryMarker } from './markdown.js';

// One comment per pull request holds the latest e2e summary: found by the hidden marker it
// starts with and edited in place, so a pull request that is pushed ten times shows one
// comment, not ten. Plain REST calls with the workflow's token (pull-requests: write).

export interface CommentTarget {
  /** https://api.github.com, or GITHUB_API_URL on GitHub Enterprise. */
  apiUrl: string;
  token: string;
  /** owner/name */
  repository: string;
  pullNumber: number;
}

interface IssueComment {
  id: number;
  body?: string;
}

async function github(target: CommentTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${target.apiUrl}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${target.token}`,
      'x-github-api-version': '2022-11-28',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) {
    const detail = await response.text();
    throw new Error(`GitHub answered ${response.status} to ${method} ${path}: ${detail.slice(0, 300)}`);
  }
  return response.json();
}

/** Edits the pull request's summary comment, or adds it; returns what was done. */
export async function upsertSummaryComment(target: CommentTarget, markdown: string): Promise<'created' | 'updated'> {
  const issuePath = `/repos/${target.repository}/issues/${target.pullNumber}/comments`;
  for (let page = 1; ; page += 1) {
    const comments = (await github(target, 'GET', `${issuePath}?per_page=100&page=${page}`)) as IssueComment[];
    const ours = comments.find((comment) => comment.body?.startsWith(summaryMarker) === true);
    if (ours !== undefined) {
      await github(target, 'PATCH', `/repos/${target.repository}/issues/comments/${ours.id}`, { body: markdown });
      return 'updated';
    }
    if (comments.length < 100) break;
  }
  await github(target, 'POST', issuePath, { body: markdown });
  return 'created';
}
