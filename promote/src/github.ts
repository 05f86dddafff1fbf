import { Octokit } from '@octokit/rest';
import { ToolError } from './errors.js';
import type { GitHubTarget } from './context.js';
import type { CommitStatus } from './gates.js';

export interface PullRequestRef {
  readonly number: number;
  readonly url: string;
  readonly created: boolean;
}

/** What the tool asks of GitHub, nothing more (easy to read, easy to double in tests). */
export class GitHub {
  private readonly octokit: Octokit;

  constructor(readonly target: GitHubTarget & { token: string }) {
    this.octokit = new Octokit({
      auth: target.token,
      baseUrl: target.apiUrl,
      userAgent: 'bitshop-promote',
      // No request logging: Octokit's default logger could print URLs; the token is never in them, but keep output ours.
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      request: { retries: 0 },
    });
  }

  private get repo() {
    return { owner: this.target.owner, repo: this.target.repo };
  }

  async commitStatuses(ref: string): Promise<CommitStatus[]> {
    return this.call(`read the commit statuses of ${ref.slice(0, 12)}`, async () => {
      const { data } = await this.octokit.rest.repos.getCombinedStatusForRef({ ...this.repo, ref, per_page: 100 });
      return data.statuses;
    });
  }

  async setStatus(sha: string, status: { context: string; state: 'success' | 'failure' | 'error' | 'pending'; description: string; targetUrl: string | undefined }): Promise<void> {
    await this.call(`set commit status ${status.context}`, async () => {
      await this.octokit.rest.repos.createCommitStatus({ ...this.repo, sha, context: status.context, state: status.state, description: status.description.slice(0, 140), ...(status.targetUrl ? { target_url: status.targetUrl } : {}) });
    });
  }

  /** The labels a pull request carries now (the policy check reads them when it runs). */
  async issueLabels(number: number): Promise<string[]> {
    return this.call(`read the labels of #${number}`, async () => {
      const { data } = await this.octokit.rest.issues.listLabelsOnIssue({ ...this.repo, issue_number: number, per_page: 100 });
      return data.map((label) => label.name);
    });
  }

  /** Creates the pull request for `branch`, or updates the open one (never a second one). */
  async upsertPullRequest(input: { branch: string; base: string; title: string; body: string; labels: readonly string[] }): Promise<PullRequestRef> {
    const existing = await this.call(`look for an open pull request from ${input.branch}`, async () => {
      const { data } = await this.octokit.rest.pulls.list({ ...this.repo, state: 'open', head: `${this.target.owner}:${input.branch}`, base: input.base, per_page: 10 });
      return data[0];
    });
    let ref: PullRequestRef;
    if (existing) {
      await this.call(`update pull request #${existing.number}`, async () => {
        await this.octokit.rest.pulls.update({ ...this.repo, pull_number: existing.number, title: input.title, body: input.body });
      });
      ref = { number: existing.number, url: existing.html_url, created: false };
    } else {
      ref = await this.call(`open a pull request from ${input.branch}`, async () => {
        const { data } = await this.octokit.rest.pulls.create({ ...this.repo, head: input.branch, base: input.base, title: input.title, body: input.body, maintainer_can_modify: true });
        return { number: data.number, url: data.html_url, created: true };
      });
    }
    if (input.labels.length > 0) {
      await this.call(`label pull request #${ref.number}`, async () => {
        await this.octokit.rest.issues.addLabels({ ...this.repo, issue_number: ref.number, labels: [...input.labels] });
      });
    }
    return ref;
  }

  /**
   * Closes every other open pull request into `base` whose branch starts with one of
   * `prefixes` (the older promotions, rollbacks and lifts of the same environment), each with a
   * comment pointing at the newer one. Returns the numbers it closed.
   */
  async closeSuperseded(input: { base: string; prefixes: readonly string[]; newer: PullRequestRef; branch: string }): Promise<number[]> {
    const open = await this.call('list the open pull requests', async () => {
      const { data } = await this.octokit.rest.pulls.list({ ...this.repo, state: 'open', base: input.base, per_page: 100 });
      return data;
    });
    const stale = open.filter((pr) => pr.number !== input.newer.number && pr.head.ref !== input.branch && input.prefixes.some((prefix) => pr.head.ref.startsWith(prefix)));
    for (const pr of stale) {
      await this.call(`comment on superseded pull request #${pr.number}`, async () => {
        await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: pr.number, body: `Superseded by #${input.newer.number} (${input.newer.url}), which changes the same environment; closing this one so only the newest promotion can be merged.` });
      });
      await this.call(`close superseded pull request #${pr.number}`, async () => {
        await this.octokit.rest.pulls.update({ ...this.repo, pull_number: pr.number, state: 'closed' });
      });
    }
    return stale.map((pr) => pr.number);
  }

  private async call<T>(what: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw new ToolError(`GitHub refused to ${what}: ${describeGitHubError(error)}`);
    }
  }
}

/** One line that says what went wrong and what to do, from an Octokit RequestError. Never includes the token. */
export function describeGitHubError(error: unknown): string {
  const failure = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, string | number | undefined>; data?: unknown } };
  const status = typeof failure.status === 'number' ? failure.status : undefined;
  const headers = failure.response?.headers ?? {};
  const data = failure.response?.data as { message?: unknown; errors?: { message?: unknown; code?: unknown; field?: unknown }[] } | undefined;
  const apiMessage = typeof data?.message === 'string' ? data.message : typeof failure.message === 'string' ? failure.message : String(error);
  const details = (data?.errors ?? []).map((e) => (typeof e.message === 'string' ? e.message : [e.field, e.code].filter((x) => typeof x === 'string').join(' '))).filter(Boolean);
  const remaining = headers['x-ratelimit-remaining'];
  const reset = Number(headers['x-ratelimit-reset']);
  const retryAfter = headers['retry-after'];
  if (status === 429 || (status === 403 && (String(remaining) === '0' || retryAfter !== undefined))) {
    const when = retryAfter !== undefined ? `retry after ${String(retryAfter)} s` : Number.isFinite(reset) && reset > 0 ? `the limit resets at ${new Date(reset * 1000).toISOString()}` : 'wait and retry';
    return `rate limited (HTTP ${status}): ${when}`;
  }
  if (status === 401) return 'HTTP 401 bad credentials: GITHUB_TOKEN is missing, expired or revoked';
  if (status === 403) return `HTTP 403 forbidden: the token lacks permission (needs contents: write and pull-requests: write): ${apiMessage}`;
  if (status === 404) return 'HTTP 404 not found: check GITHUB_REPOSITORY and that the token can see the repository';
  if (status === 422) return `HTTP 422 validation failed: ${[apiMessage, ...details].join('; ')}`;
  return status === undefined ? apiMessage : `HTTP ${status}: ${apiMessage}`;
}
