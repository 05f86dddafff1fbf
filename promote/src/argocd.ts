import { z } from 'zod';
import { ToolError, UsageError } from './errors.js';

// The one Argo CD call `status` makes: GET /api/v1/applications/{name} (ApplicationService_Get
// in Argo CD's assets/swagger.json), answering a v1alpha1Application. Only the status fields
// read here are parsed; everything else Argo CD sends is ignored.

export interface ArgoCdTarget {
  readonly url: string;
  /** Sent as a bearer token; never printed. */
  readonly token: string;
  readonly timeoutMs: number;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The Argo CD to ask, or undefined when neither --argocd-server nor ARGOCD_SERVER is set (status
 * then shows Git alone). ARGOCD_SERVER is read as Argo CD's own CLI reads it: host[:port], https
 * implied; a URL is accepted too. Plain http only to this machine (a `kubectl port-forward`).
 */
export function argocdTarget(env: NodeJS.ProcessEnv, flag: string | undefined, timeoutMs: number): ArgoCdTarget | undefined {
  const where = flag === undefined ? 'ARGOCD_SERVER' : '--argocd-server';
  const raw = (flag ?? env.ARGOCD_SERVER ?? '').trim();
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new UsageError(`${where}: expected Argo CD's address, host[:port] or https://host[:port], got "${raw}"`);
  }
  if (url.username !== '' || url.password !== '') throw new UsageError(`${where}: no credentials in the address; the token goes in ARGOCD_AUTH_TOKEN`);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    throw new UsageError(`${where}: expected https://, got "${url.protocol}//${url.host}" (plain http only to localhost, e.g. a kubectl port-forward)`);
  }
  if (url.search !== '' || url.hash !== '') throw new UsageError(`${where}: expected an address without query or fragment, got "${raw}"`);
  const token = env.ARGOCD_AUTH_TOKEN?.trim() ?? '';
  if (token.length === 0) throw new UsageError(`ARGOCD_AUTH_TOKEN is not set: ${where} is, and Argo CD answers nothing without a token (argocd account generate-token --account <read-only account>)`);
  return { url: `${url.origin}${url.pathname.replace(/\/+$/, '')}`, token, timeoutMs };
}

const time = z.string().optional();
const application = z.object({
  metadata: z.object({ name: z.string() }),
  status: z
    .object({
      sync: z.object({ status: z.string().optional(), revision: z.string().optional() }).optional(),
      health: z.object({ status: z.string().optional() }).optional(),
      summary: z.object({ images: z.array(z.string()).optional() }).optional(),
      reconciledAt: time,
      operationState: z
        .object({
          phase: z.string().optional(),
          message: z.string().optional(),
          startedAt: time,
          finishedAt: time,
          syncResult: z.object({ revision: z.string().optional() }).optional(),
        })
        .optional(),
    })
    .optional(),
});
const apiError = z.object({ message: z.string().optional(), error: z.string().optional() });

/** What Argo CD reports an Application runs; absent fields stay undefined (a never-synced app has no operationState). */
export interface LiveApplication {
  readonly application: string;
  readonly sync: { readonly status: string; readonly revision: string | undefined };
  readonly health: string;
  readonly images: readonly string[];
  readonly reconciledAt: string | undefined;
  readonly lastSync: { readonly phase: string; readonly finishedAt: string | undefined; readonly message: string | undefined; readonly revision: string | undefined } | undefined;
}

/** One Application of `project` in `namespace`; every failure is a ToolError naming the environment, the Application and what to do. */
export async function liveApplication(target: ArgoCdTarget, request: { env: string; name: string; project: string; namespace: string }): Promise<LiveApplication> {
  const { env, name, project, namespace } = request;
  const what = `Argo CD at ${target.url}, Application ${name} (${env})`;
  // With the project named, Argo CD answers 404 for a missing Application instead of the 403 it gives when it cannot tell.
  const params = new URLSearchParams({ appNamespace: namespace, projects: project });
  let res: Response;
  try {
    res = await fetch(`${target.url}/api/v1/applications/${encodeURIComponent(name)}?${params.toString()}`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${target.token}` },
      signal: AbortSignal.timeout(target.timeoutMs),
      redirect: 'error',
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    if ((error as Error).name === 'TimeoutError') throw new ToolError(`${what}: no answer within ${target.timeoutMs / 1000}s; check the address and that Argo CD is up (argocd-server in namespace argocd), or raise --argocd-timeout`);
    throw new ToolError(`${what}: could not be reached (${cause?.code ?? cause?.message ?? (error as Error).message}); check --argocd-server / ARGOCD_SERVER and your network or port-forward`);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const parsed = apiError.safeParse(body);
    const said = parsed.success ? (parsed.data.message ?? parsed.data.error) : undefined;
    const detail = said === undefined ? '' : ` (${said})`;
    if (res.status === 401) throw new ToolError(`${what}: 401 Unauthorized${detail}: ARGOCD_AUTH_TOKEN is missing, expired or revoked; generate a new one (argocd account generate-token)`);
    if (res.status === 403) throw new ToolError(`${what}: 403 Forbidden${detail}: the token's account may not get this Application; grant it "applications, get, ${project}/*" in argocd-rbac-cm`);
    if (res.status === 404) throw new ToolError(`${what}: 404 Not Found${detail}: no such Application in project ${project}, namespace ${namespace}; is this the Argo CD that runs the root app, and is the root synced?`);
    throw new ToolError(`${what}: answered ${res.status}${detail}`);
  }
  const parsed = application.safeParse(body);
  if (!parsed.success) throw new ToolError(`${what}: answered 200 without an Application (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'unexpected body'})`);
  const status = parsed.data.status;
  const operation = status?.operationState;
  return {
    application: parsed.data.metadata.name,
    sync: { status: status?.sync?.status ?? 'Unknown', revision: status?.sync?.revision },
    health: status?.health?.status ?? 'Unknown',
    images: status?.summary?.images ?? [],
    reconciledAt: status?.reconciledAt,
    lastSync: operation === undefined ? undefined : { phase: operation.phase ?? 'Unknown', finishedAt: operation.finishedAt, message: operation.message, revision: operation.syncResult?.revision },
  };
}
