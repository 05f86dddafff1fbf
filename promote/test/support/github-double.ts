// A local stand-in for api.github.com. Every request is checked against GitHub's published
// REST description (@octokit/openapi): the path and method must be a documented operation,
// path and query parameters and the JSON body must satisfy that operation's schemas (no
// undocumented body fields either). Answers are built from the description's own examples
// and checked against the documented response schema, so the tool sees GitHub-shaped data.
import { createRequire } from 'node:module';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required?: boolean;
  readonly schema: JsonObject;
}
interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly (Parameter | { $ref: string })[];
  readonly requestBody?: { required?: boolean; content: Record<string, { schema: JsonObject }> };
  readonly responses: Record<string, { content?: Record<string, { schema: JsonObject }> }>;
}
interface Spec {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { parameters: Record<string, Parameter>; examples: Record<string, { value: Json }> } & JsonObject;
}

const require = createRequire(import.meta.url);
const spec = require('@octokit/openapi/generated/api.github.com.json') as Spec;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false }));
const ajvParams = addFormats(new Ajv({ strict: false, allErrors: true, coerceTypes: true, validateSchema: false }));
// GitHub's own format for owner/name, used by pulls/create's head_repo.
for (const instance of [ajv, ajvParams]) instance.addFormat('repo.nwo', /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/);
const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: JsonObject, coerce = false): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = (coerce ? ajvParams : ajv).compile({ ...schema, components: spec.components });
    compiled.set(key, fn);
  }
  return fn;
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from GitHub's path templates, not from input
  regex: new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
  literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
}));

function resolveParameter(p: Parameter | { $ref: string }): Parameter {
  if ('$ref' in p) {
    const name = p.$ref.replace('#/components/parameters/', '');
    const found = spec.components.parameters[name];
    if (!found) throw new Error(`unresolved ${p.$ref}`);
    return found;
  }
  return p;
}

function example(name: string): Json {
  const found = spec.components.examples[name];
  if (!found) throw new Error(`no example ${name}`);
  return structuredClone(found.value);
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly query: Record<string, string>;
  readonly body: Json | undefined;
  readonly authorization: string | undefined;
}

export interface PullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  labels: string[];
  comments: string[];
}

interface Failure {
  readonly operationId: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: JsonObject;
}

export class GitHubDouble {
  readonly requests: RecordedRequest[] = [];
  /** Requests that broke GitHub's description (should stay empty). */
  readonly violations: string[] = [];
  readonly pulls: PullRequest[] = [];
  readonly statuses = new Map<string, { context: string; state: string; description: string | null; target_url: string | null }[]>();
  private readonly failures: Failure[] = [];
  private server: Server | undefined;
  url = '';

  constructor(
    readonly owner: string,
    readonly repo: string,
    readonly token: string,
    /** Whether a branch exists on the remote (a pull request needs one). */
    private readonly branchExists: (branch: string) => boolean = () => true,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.violations.push(`double crashed: ${String(error)}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.server) this.server.close(() => {
        resolve();
      });
      else resolve();
    });
  }

  /** The next request to `operationId` gets this answer instead. */
  failNext(operationId: string, status: number, headers: Record<string, string> = {}, message = 'failure'): void {
    this.failures.push({ operationId, status, headers, body: { message, documentation_url: 'https://docs.github.com/rest' } });
  }

  /** What merging on GitHub does to the pull request of `branch` (the tests merge with git). */
  markMerged(branch: string): void {
    for (const pr of this.pulls) if (pr.head === branch && pr.state === 'open') pr.state = 'closed';
  }

  setStatus(sha: string, context: string, state: string, targetUrl: string | null = null): void {
    const list = this.statuses.get(sha) ?? [];
    this.statuses.set(sha, [{ context, state, description: `${context} ${state}`, target_url: targetUrl }, ...list.filter((s) => s.context !== context)]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toLowerCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = raw === '' ? undefined : (JSON.parse(raw) as Json);
    const query = Object.fromEntries(url.searchParams);

    const match = templates
      .map((t) => ({ t, m: t.regex.exec(url.pathname) }))
      .filter((x) => x.m !== null && spec.paths[x.t.template]?.[method] !== undefined)
      .sort((a, b) => b.t.literals - a.t.literals)[0];
    if (!match?.m) {
      this.violations.push(`${method.toUpperCase()} ${url.pathname}: no such operation in GitHub's REST description`);
      this.send(res, 404, { message: 'Not Found' });
      return;
    }
    const operation = spec.paths[match.t.template]?.[method] as Operation;
    const pathParams = Object.fromEntries(match.t.names.map((name, i) => [name, decodeURIComponent(match.m?.[i + 1] ?? '')]));
    this.requests.push({ method: method.toUpperCase(), path: url.pathname, operationId: operation.operationId, query, body, authorization: req.headers.authorization });
    this.check(operation, pathParams, query, body, req);

    if (req.headers.authorization !== `token ${this.token}` && req.headers.authorization !== `Bearer ${this.token}`) {
      this.send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
      return;
    }
    const failure = this.failures.findIndex((f) => f.operationId === operation.operationId);
    if (failure >= 0) {
      const [f] = this.failures.splice(failure, 1);
      if (f) this.send(res, f.status, f.body, f.headers);
      return;
    }
    if (pathParams.owner !== this.owner || pathParams.repo !== this.repo) {
      this.send(res, 404, { message: 'Not Found' });
      return;
    }
    const [status, answer] = this.answer(operation.operationId, pathParams, query, body as JsonObject | undefined);
    const responseSchema = operation.responses[String(status)]?.content?.['application/json']?.schema;
    if (responseSchema) {
      const validate = validator(`${operation.operationId}:response:${status}`, responseSchema);
      if (!validate(answer)) this.violations.push(`double's own ${operation.operationId} ${status} answer breaks the description: ${ajv.errorsText(validate.errors)}`);
    }
    this.send(res, status, answer);
  }

  private check(operation: Operation, pathParams: Record<string, string>, query: Record<string, string>, body: Json | undefined, req: IncomingMessage): void {
    const where = operation.operationId;
    const params = (operation.parameters ?? []).map(resolveParameter);
    for (const p of params.filter((x) => x.in === 'path')) {
      const value = pathParams[p.name];
      const validate = validator(`${where}:path:${p.name}`, { type: 'object', properties: { v: p.schema }, required: ['v'] }, true);
      if (!validate({ v: value })) this.violations.push(`${where}: path parameter ${p.name}=${String(value)}: ${ajv.errorsText(validate.errors)}`);
    }
    const queryParams = params.filter((x) => x.in === 'query');
    for (const [name, value] of Object.entries(query)) {
      const p = queryParams.find((x) => x.name === name);
      if (!p) {
        this.violations.push(`${where}: undocumented query parameter ${name}`);
        continue;
      }
      const validate = validator(`${where}:query:${name}`, { type: 'object', properties: { v: p.schema } }, true);
      if (!validate({ v: value })) this.violations.push(`${where}: query parameter ${name}=${value}: ${ajv.errorsText(validate.errors)}`);
    }
    for (const p of queryParams.filter((x) => x.required === true)) if (!(p.name in query)) this.violations.push(`${where}: missing query parameter ${p.name}`);
    const content = operation.requestBody?.content['application/json'];
    if (body === undefined) {
      if (operation.requestBody?.required === true) this.violations.push(`${where}: request body required`);
      return;
    }
    if (!content) {
      this.violations.push(`${where}: takes no request body`);
      return;
    }
    if (!String(req.headers['content-type']).startsWith('application/json')) this.violations.push(`${where}: content-type ${String(req.headers['content-type'])}`);
    const validate = validator(`${where}:body`, content.schema);
    if (!validate(body)) this.violations.push(`${where}: body: ${ajv.errorsText(validate.errors)}`);
    const properties = content.schema.properties as JsonObject | undefined;
    if (properties && body !== null && typeof body === 'object' && !Array.isArray(body)) {
      for (const key of Object.keys(body)) if (!(key in properties)) this.violations.push(`${where}: undocumented body field ${key}`);
    }
  }

  private pullJson(pr: PullRequest, template: 'pull-request' | 'simple'): JsonObject {
    const base = (template === 'simple' ? (example('pull-request-simple-items') as Json[])[0] : example('pull-request')) as JsonObject;
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${pr.number}`;
    const head = base.head as JsonObject;
    const baseRef = base.base as JsonObject;
    return {
      ...base,
      number: pr.number,
      id: 1000 + pr.number,
      url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${pr.number}`,
      html_url: html,
      state: pr.state,
      title: pr.title,
      body: pr.body,
      // The published example's requested_teams entries lack the schema's required `type`; this double requests no teams.
      requested_teams: [],
      labels: pr.labels.map((name, i) => ({ ...((example('label-items') as Json[])[0] as JsonObject), id: i + 1, name })),
      head: { ...head, ref: pr.head, label: `${this.owner}:${pr.head}` },
      base: { ...baseRef, ref: pr.base, label: `${this.owner}:${pr.base}` },
    };
  }

  private answer(operationId: string, params: Record<string, string>, query: Record<string, string>, body: JsonObject | undefined): [number, Json] {
    const text = (key: string, fallback = '') => {
      const value = body?.[key];
      return typeof value === 'string' ? value : fallback;
    };
    switch (operationId) {
      case 'repos/get-combined-status-for-ref': {
        const statuses = (this.statuses.get(params.ref ?? '') ?? []).map((s, i) => ({ ...((example('combined-commit-status') as JsonObject).statuses as JsonObject[])[0], id: i + 1, ...s }));
        const state = statuses.some((s) => s.state === 'failure' || s.state === 'error') ? 'failure' : statuses.length > 0 && statuses.every((s) => s.state === 'success') ? 'success' : 'pending';
        return [200, { ...(example('combined-commit-status') as JsonObject), sha: params.ref ?? '', state, statuses, total_count: statuses.length }];
      }
      case 'repos/create-commit-status': {
        this.setStatus(params.sha ?? '', text('context', 'default'), text('state'), (body?.target_url as string | undefined) ?? null);
        return [201, { ...(example('status') as JsonObject), context: body?.context ?? 'default', state: body?.state ?? 'pending', target_url: body?.target_url ?? null, description: body?.description ?? null }];
      }
      case 'pulls/list': {
        const found = this.pulls.filter((pr) => (query.state ?? 'open') === 'all' || pr.state === (query.state ?? 'open')).filter((pr) => query.head === undefined || `${this.owner}:${pr.head}` === query.head).filter((pr) => query.base === undefined || pr.base === query.base);
        return [200, found.map((pr) => this.pullJson(pr, 'simple'))];
      }
      case 'pulls/create': {
        const head = text('head');
        if (!this.branchExists(head)) return [422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }], documentation_url: 'https://docs.github.com/rest' }];
        if (this.pulls.some((pr) => pr.state === 'open' && pr.head === head)) return [422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${this.owner}:${head}.` }], documentation_url: 'https://docs.github.com/rest' }];
        const pr: PullRequest = { number: this.pulls.length + 1, head, base: text('base'), title: text('title'), body: text('body'), state: 'open', labels: [], comments: [] };
        this.pulls.push(pr);
        return [201, this.pullJson(pr, 'pull-request')];
      }
      case 'pulls/update': {
        const pr = this.pulls.find((p) => p.number === Number(params.pull_number));
        if (!pr) return [404, { message: 'Not Found' }];
        if (typeof body?.title === 'string') pr.title = body.title;
        if (typeof body?.body === 'string') pr.body = body.body;
        if (body?.state === 'open' || body?.state === 'closed') pr.state = body.state;
        return [200, this.pullJson(pr, 'pull-request')];
      }
      case 'issues/add-labels': {
        const pr = this.pulls.find((p) => p.number === Number(params.issue_number));
        if (!pr) return [404, { message: 'Not Found' }];
        const labels = Array.isArray(body?.labels) ? body.labels.map(String) : [];
        for (const label of labels) if (!pr.labels.includes(label)) pr.labels.push(label);
        return [200, pr.labels.map((name, i) => ({ ...((example('label-items') as Json[])[0] as JsonObject), id: i + 1, name }))];
      }
      case 'issues/create-comment': {
        const pr = this.pulls.find((p) => p.number === Number(params.issue_number));
        if (!pr) return [404, { message: 'Not Found' }];
        pr.comments.push(text('body'));
        return [201, { ...(example('issue-comment') as JsonObject), body: text('body') }];
      }
      // Comment ids are derived: pull number × 1000 + position, so an id names its pull and comment.
      case 'issues/list-comments': {
        const pr = this.pulls.find((p) => p.number === Number(params.issue_number));
        if (!pr) return [404, { message: 'Not Found' }];
        const perPage = Number(query.per_page ?? 30);
        const page = Number(query.page ?? 1);
        const all = pr.comments.map((commentBody, i) => ({ ...((example('issue-comment-items') as Json[])[0] as JsonObject), id: pr.number * 1000 + i + 1, body: commentBody }));
        return [200, all.slice((page - 1) * perPage, page * perPage)];
      }
      case 'issues/update-comment': {
        const id = Number(params.comment_id);
        const pr = this.pulls.find((p) => p.number === Math.floor(id / 1000));
        const index = (id % 1000) - 1;
        if (!pr || index < 0 || index >= pr.comments.length) return [404, { message: 'Not Found' }];
        pr.comments[index] = text('body');
        return [200, { ...(example('issue-comment') as JsonObject), id, body: text('body') }];
      }
      case 'issues/list-labels-on-issue': {
        const pr = this.pulls.find((p) => p.number === Number(params.issue_number));
        if (!pr) return [404, { message: 'Not Found' }];
        return [200, pr.labels.map((name, i) => ({ ...((example('label-items') as Json[])[0] as JsonObject), id: i + 1, name }))];
      }
      default:
        this.violations.push(`${operationId}: documented, but the tool was not expected to call it`);
        return [404, { message: 'Not Found' }];
    }
  }

  private send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', ...headers });
    res.end(JSON.stringify(body));
  }
}
