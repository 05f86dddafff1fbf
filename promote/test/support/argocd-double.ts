// A local stand-in for Argo CD's API server. Every request is checked against Argo CD's published
// REST description (test/fixtures/argocd/swagger-<version>.json, the pinned release's
// assets/swagger.json): the path and method must be a documented operation, every query
// parameter documented (repeated only where the description says collectionFormat multi), a
// bearer token present (401 otherwise, as Argo CD answers). Every answer, Application or error,
// is checked against the documented response schema with undocumented fields refused, so the
// tool only ever sees what Argo CD could send.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { argocdInstallVersion } from '@storefront/manifests/argocd/platform';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'body' | 'header';
  readonly type?: string;
  readonly items?: JsonObject;
  readonly collectionFormat?: string;
  readonly required?: boolean;
}
interface Operation {
  readonly operationId: string;
  readonly parameters?: readonly Parameter[];
  readonly responses: Record<string, { schema?: JsonObject }>;
}
interface Swagger {
  readonly swagger: string;
  readonly paths: Record<string, Record<string, Operation>>;
  readonly definitions: Record<string, JsonObject>;
}

export const swaggerPath = path.join(import.meta.dirname, '..', 'fixtures', 'argocd', `swagger-${argocdInstallVersion}.json`);
export const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8')) as Swagger;

/**
 * The definitions with `additionalProperties: false` on every object that lists its properties:
 * Argo CD's description leaves it open, but an answer of the double's with a field the
 * description does not know is a typo or a guess, and must fail instead of passing.
 */
function closed(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonObject = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, closed(sub)])) : closed(value)]));
  if (out.properties !== undefined && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}
const definitions = closed(swagger.definitions) as JsonObject;
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ strict: false, allErrors: true, validateSchema: false }));
const ajvParams = new Ajv({ strict: false, allErrors: true, coerceTypes: 'array', validateSchema: false });
const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: JsonObject, params = false): ValidateFunction {
  let fn = compiled.get(key);
  if (!fn) {
    fn = (params ? ajvParams : ajv).compile({ ...schema, definitions });
    compiled.set(key, fn);
  }
  return fn;
}

const templates = Object.keys(swagger.paths).map((template) => ({
  template,
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from the description's path templates, not from input
  regex: new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '([^/]+)')}$`),
  names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? ''),
  literals: template.split('/').filter((s) => s && !s.startsWith('{')).length,
}));

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly query: Record<string, string[]>;
  readonly authorization: string | undefined;
}

/** gRPC codes Argo CD's gateway turns into HTTP statuses (grpc-gateway's HTTPStatusFromCode). */
const grpc = { 401: 16, 403: 7, 404: 5 } as const;

export class ArgoCdDouble {
  readonly requests: RecordedRequest[] = [];
  /** Requests or answers that broke Argo CD's description (should stay empty). */
  readonly violations: string[] = [];
  /** Applications by name, as Argo CD would serve them. */
  readonly applications = new Map<string, JsonObject>();
  /** Application names the token's account may not get (RBAC): 403, as Argo CD answers. */
  readonly denied = new Set<string>();
  /** Accept connections and never answer (a hung server or a black-holed port-forward). */
  hang = false;
  private server: Server | undefined;
  private readonly hanging: ServerResponse[] = [];

  constructor(private readonly token: string) {}

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('ArgoCdDouble is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      try {
        this.handle(req, res);
      } catch (error) {
        this.violations.push(`double crashed: ${String(error)}`);
        res.writeHead(500).end();
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => { resolve(); }));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toLowerCase();
    const query: Record<string, string[]> = {};
    for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
    const match = templates
      .map((t) => ({ t, m: t.regex.exec(url.pathname) }))
      .filter((x) => x.m !== null && swagger.paths[x.t.template]?.[method] !== undefined)
      .sort((a, b) => b.t.literals - a.t.literals)[0];
    if (!match?.m) {
      this.violations.push(`${method.toUpperCase()} ${url.pathname}: no such operation in Argo CD's API description`);
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('404 page not found');
      return;
    }
    const operation = swagger.paths[match.t.template]?.[method] as Operation;
    const pathParams = Object.fromEntries(match.t.names.map((name, i) => [name, decodeURIComponent(match.m?.[i + 1] ?? '')]));
    this.requests.push({ method: method.toUpperCase(), path: url.pathname, operationId: operation.operationId, query, authorization: req.headers.authorization });
    this.check(operation, pathParams, query);
    if (this.hang) {
      this.hanging.push(res);
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      // What Argo CD's server answers without a valid session (no token: "no session information").
      this.error(res, operation, 401, req.headers.authorization === undefined ? 'no session information' : 'invalid session: token signature is invalid');
      return;
    }
    if (operation.operationId !== 'ApplicationService_Get') {
      this.violations.push(`${operation.operationId}: documented, but the tool was not expected to call it`);
      this.error(res, operation, 403, 'permission denied');
      return;
    }
    const name = pathParams.name ?? '';
    const app = this.applications.get(name);
    const projects = [...(query.projects ?? []), ...(query.project ?? [])];
    const spec = app?.spec;
    const project = spec !== null && typeof spec === 'object' && !Array.isArray(spec) && typeof spec.project === 'string' ? spec.project : undefined;
    if (this.denied.has(name) || (app === undefined && projects.length === 0)) {
      // Argo CD does not tell "no access" from "no such Application" unless a project was named.
      this.error(res, operation, 403, 'permission denied');
      return;
    }
    if (app === undefined || (projects.length > 0 && !projects.includes(project ?? ''))) {
      this.error(res, operation, 404, `applications.argoproj.io "${name}" not found`);
      return;
    }
    this.send(res, operation, 200, app);
  }

  private check(operation: Operation, pathParams: Record<string, string>, query: Record<string, string[]>): void {
    const where = operation.operationId;
    const params = operation.parameters ?? [];
    for (const p of params.filter((x) => x.in === 'path')) {
      const validate = validator(`${where}:path:${p.name}`, { type: 'object', properties: { v: { type: p.type ?? 'string' } }, required: ['v'] }, true);
      if (!validate({ v: pathParams[p.name] })) this.violations.push(`${where}: path parameter ${p.name}: ${ajv.errorsText(validate.errors)}`);
    }
    for (const [name, values] of Object.entries(query)) {
      const p = params.find((x) => x.in === 'query' && x.name === name);
      if (!p) {
        this.violations.push(`${where}: undocumented query parameter ${name}`);
        continue;
      }
      if (p.type !== 'array' && values.length > 1) this.violations.push(`${where}: query parameter ${name} given ${values.length} times, documented as one ${p.type ?? 'value'}`);
      if (p.type === 'array' && p.collectionFormat !== 'multi') this.violations.push(`${where}: query parameter ${name} is collectionFormat ${p.collectionFormat ?? 'csv'}, which the double does not parse`);
      const schema: JsonObject = p.type === 'array' ? { type: 'array', items: p.items ?? {} } : { type: p.type ?? 'string' };
      const validate = validator(`${where}:query:${name}`, { type: 'object', properties: { v: schema } }, true);
      if (!validate({ v: p.type === 'array' ? values : values[0] })) this.violations.push(`${where}: query parameter ${name}=${values.join(',')}: ${ajv.errorsText(validate.errors)}`);
    }
    for (const p of params.filter((x) => x.in === 'query' && x.required === true)) if (!(p.name in query)) this.violations.push(`${where}: missing query parameter ${p.name}`);
  }

  /** Argo CD's error body: grpc-gateway's runtimeError, with the gRPC code of the status. */
  private error(res: ServerResponse, operation: Operation, status: 401 | 403 | 404, message: string): void {
    this.send(res, operation, status, { error: message, code: grpc[status], message, details: [] });
  }

  private send(res: ServerResponse, operation: Operation, status: number, body: JsonObject): void {
    const documented = operation.responses[String(status)] ?? operation.responses.default;
    const schema = documented?.schema;
    if (!schema) this.violations.push(`${operation.operationId}: no documented response for ${status}`);
    else {
      const validate = validator(`${operation.operationId}:response:${status === 200 ? 200 : 'default'}`, schema);
      if (!validate(body)) this.violations.push(`double's own ${operation.operationId} ${status} answer breaks the description: ${ajv.errorsText(validate.errors)}`);
    }
    res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  }
}

/** An Application as Argo CD serves it for one environment of this repository. */
export interface ApplicationState {
  readonly env: string;
  readonly sync: 'Synced' | 'OutOfSync' | 'Unknown';
  readonly revision: string;
  readonly health: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
  readonly images: readonly string[];
  readonly lastSync?: { readonly phase: 'Succeeded' | 'Failed' | 'Error' | 'Running' | 'Terminating'; readonly message: string; readonly revision: string; readonly startedAt: string; readonly finishedAt?: string };
  readonly reconciledAt: string;
}

export function argoApplication(state: ApplicationState): JsonObject {
  const name = `storefront-${state.env}`;
  const source: JsonObject = { repoURL: 'https://github.com/bitshop-dev/storefront.git', path: `manifests/${state.env}`, targetRevision: 'main', directory: { recurse: false } };
  const status: JsonObject = {
    sync: { status: state.sync, revision: state.revision, comparedTo: { source, destination: { name: `bitshop-${state.env}`, namespace: name } } },
    health: { status: state.health, lastTransitionTime: state.reconciledAt },
    summary: { images: [...state.images] },
    reconciledAt: state.reconciledAt,
    sourceType: 'Directory',
    controllerNamespace: 'argocd',
  };
  if (state.lastSync) {
    status.operationState = {
      operation: { sync: { revision: state.lastSync.revision, prune: true }, initiatedBy: { automated: true }, retry: { limit: 10 } },
      phase: state.lastSync.phase,
      message: state.lastSync.message,
      startedAt: state.lastSync.startedAt,
      ...(state.lastSync.finishedAt === undefined ? {} : { finishedAt: state.lastSync.finishedAt }),
      syncResult: { revision: state.lastSync.revision, source, resources: [] },
    };
  }
  return {
    metadata: { name, namespace: 'argocd', labels: { 'app.kubernetes.io/part-of': 'bitshop', 'bitshop.dev/environment': state.env }, resourceVersion: '4711', creationTimestamp: '2026-11-01T08:00:00Z' },
    spec: { project: name, destination: { name: `bitshop-${state.env}`, namespace: name }, source, syncPolicy: { automated: { prune: true, selfHeal: true } } },
    status,
  };
}
