import { z } from 'zod';
import { ToolError, UsageError } from './errors.js';

// The instant-query endpoint of the Prometheus HTTP API (GET /api/v1/query), format as
// documented at https://prometheus.io/docs/prometheus/latest/querying/api/: an envelope with
// status, data.resultType and data.result; a vector sample is [<unix seconds>, "<value>"].

const sample = z.tuple([z.number(), z.string()]);
const response = z.object({
  status: z.enum(['success', 'error']),
  data: z
    .object({
      resultType: z.enum(['matrix', 'vector', 'scalar', 'string']),
      result: z.unknown(),
    })
    .optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
});
const vector = z.array(z.object({ metric: z.record(z.string(), z.string()), value: sample }));

export interface PrometheusTarget {
  readonly url: string;
  /** Sent as a bearer token; never printed. */
  readonly token: string | undefined;
}

export function prometheusTarget(env: NodeJS.ProcessEnv, flag: string | undefined): PrometheusTarget {
  const raw = (flag ?? env.PROMETHEUS_URL ?? '').trim();
  if (raw === '') throw new UsageError('--prometheus or PROMETHEUS_URL is not set: the Prometheus that scrapes the environment, e.g. https://prometheus.example.com');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--prometheus: expected an http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--prometheus: expected an http(s) URL, got "${raw}"`);
  const token = env.PROMETHEUS_TOKEN?.trim();
  return { url: url.toString().replace(/\/+$/, ''), token: token === '' ? undefined : token };
}

/**
 * One instant query evaluated at `time`; the single value of its result, or undefined when the
 * result is empty (no series matched). More than one series is a query error here: every SLO
 * query aggregates to one number.
 */
export async function instantValue(target: PrometheusTarget, query: string, time: Date): Promise<number | undefined> {
  const params = new URLSearchParams({ query, time: (time.getTime() / 1000).toFixed(3) });
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (target.token !== undefined) headers.Authorization = `Bearer ${target.token}`;
  let res: Response;
  try {
    res = await fetch(`${target.url}/api/v1/query?${params.toString()}`, { headers, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new ToolError(`Prometheus at ${target.url} could not be reached: ${(error as Error).message}`);
  }
  if (res.status === 401 || res.status === 403) throw new ToolError(`Prometheus at ${target.url} answered ${res.status}: check PROMETHEUS_TOKEN`);
  const parsed = response.safeParse(await res.json().catch(() => undefined));
  if (!parsed.success) throw new ToolError(`Prometheus at ${target.url} answered ${res.status} without a Prometheus API response`);
  const body = parsed.data;
  if (body.status === 'error') throw new ToolError(`Prometheus refused the query (${body.errorType ?? 'error'}: ${body.error ?? 'no message'}): ${query}`);
  if (body.data === undefined) throw new ToolError(`Prometheus answered success without data for ${query}`);
  if (body.data.resultType === 'scalar') return Number(sample.parse(body.data.result)[1]);
  if (body.data.resultType !== 'vector') throw new ToolError(`Prometheus answered a ${body.data.resultType} for an instant query: ${query}`);
  const series = vector.parse(body.data.result);
  if (series.length === 0) return undefined;
  if (series.length > 1) throw new ToolError(`expected one series, got ${series.length}: ${query}`);
  return Number(series[0]?.value[1]);
}
