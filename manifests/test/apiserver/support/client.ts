import { request } from 'node:https';

// A minimal client for the test API server: HTTPS with the server's own self-signed CA, a bearer
// token, discovery from kind to resource, and server-side apply. No client library: the stage
// needs four calls, and each answer (status, Status reason, Warning headers) is read as sent.

export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  /** Every `Warning` header, without its `299 - "..."` wrapping. */
  readonly warnings: readonly string[];
}

/** A Kubernetes Status answer's message and reason (for a refused request). */
export interface ApiStatus {
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { causes?: { reason?: string; message?: string; field?: string }[] };
}

export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string> };
  readonly [field: string]: unknown;
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

const fieldManager = 'storefront-apiserver-stage';

function parseWarning(header: string): string {
  // RFC 7234 warn-code warn-agent "warn-text": Kubernetes sends `299 - "text"`.
  const match = /^\d{3} \S+ "(.*)"$/.exec(header);
  return match?.[1] ? match[1].replaceAll('\\"', '"') : header;
}

export class ApiClient {
  private readonly resources = new Map<string, ApiResource[]>();

  constructor(
    private readonly port: number,
    private readonly token: string,
    private readonly ca: string,
  ) {}

  call(method: string, path: string, body?: string, contentType = 'application/json'): Promise<ApiAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          ca: this.ca,
          headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': contentType }) },
          timeout: 60_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const warnings = (res.headersDistinct.warning ?? []).map((w) => parseWarning(w.trim()));
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Not JSON (e.g. /readyz's "ok"): kept as text.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer in 60s`)));
      req.on('error', reject);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  private async discover(apiVersion: string, refresh: boolean): Promise<ApiResource[]> {
    const cached = this.resources.get(apiVersion);
    if (cached && !refresh) return cached;
    const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
    const answer = await this.call('GET', path);
    const list = answer.status === 200 ? (answer.body as { resources: ApiResource[] }).resources.filter((r) => !r.name.includes('/')) : [];
    this.resources.set(apiVersion, list);
    return list;
  }

  /** The collection and item paths for an object, from discovery (asked again once when the kind is unknown: a CRD just established). */
  async resourcePaths(object: ManifestObject): Promise<{ collection: string; item: string }> {
    let resource = (await this.discover(object.apiVersion, false)).find((r) => r.kind === object.kind);
    resource ??= (await this.discover(object.apiVersion, true)).find((r) => r.kind === object.kind);
    if (!resource) throw new Error(`the API server serves no ${object.apiVersion} ${object.kind} (is its CRD installed?)`);
    const prefix = object.apiVersion.includes('/') ? `/apis/${object.apiVersion}` : `/api/${object.apiVersion}`;
    const namespace = object.metadata.namespace;
    if (resource.namespaced && !namespace) throw new Error(`${object.kind} ${object.metadata.name} is namespaced but names no namespace`);
    const collection = resource.namespaced ? `${prefix}/namespaces/${encodeURIComponent(namespace ?? '')}/${resource.name}` : `${prefix}/${resource.name}`;
    return { collection, item: `${collection}/${encodeURIComponent(object.metadata.name)}` };
  }

  /** Server-side apply with strict field validation; `dryRun` leaves nothing behind. */
  async apply(object: ManifestObject, { dryRun }: { dryRun: boolean }): Promise<ApiAnswer> {
    const query = new URLSearchParams({ fieldManager, fieldValidation: 'Strict', force: 'true', ...(dryRun ? { dryRun: 'All' } : {}) });
    return this.call('PATCH', `${(await this.resourcePaths(object)).item}?${query.toString()}`, JSON.stringify(object), 'application/apply-patch+yaml');
  }

  /** A create with strict field validation: what `kubectl apply` (and Argo CD's default sync) sends for a new object. */
  async create(object: ManifestObject, { dryRun }: { dryRun: boolean }): Promise<ApiAnswer> {
    const query = new URLSearchParams({ fieldManager, fieldValidation: 'Strict', ...(dryRun ? { dryRun: 'All' } : {}) });
    return this.call('POST', `${(await this.resourcePaths(object)).collection}?${query.toString()}`, JSON.stringify(object));
  }
}

/** One line for a refused request: the Status reason and message. */
export function refusal(answer: ApiAnswer): string {
  const status = answer.body as ApiStatus | undefined;
  return `HTTP ${String(answer.status)} ${status?.reason ?? ''}: ${status?.message ?? JSON.stringify(answer.body)}`;
}
