import type { Environment } from '@storefront/environments';
import { instantValue, type PrometheusTarget } from './prometheus.js';

type Slo = NonNullable<Environment['verification']['slo']>;

/**
 * The selector of the app's own series in one environment: the same namespace and job the
 * PrometheusRule alerts use (manifests/src/constructs/alert-rules.ts; a test compares them).
 */
export function seriesSelector(env: Pick<Environment, 'name'>): string {
  return `namespace="storefront-${env.name}", job="storefront-metrics"`;
}

export interface SloQueries {
  readonly errorRatePercent: string;
  readonly latencyP95Seconds: string;
  readonly checkoutFailures: string;
}

export function sloQueries(env: Pick<Environment, 'name'>, window: string): SloQueries {
  const sel = seriesSelector(env);
  return {
    // `or vector(0)`: no 5xx series at all is a rate of 0, not "no data".
    errorRatePercent: `100 * (sum(increase(http_request_duration_seconds_count{${sel}, status_code=~"5.."}[${window}])) or vector(0)) / sum(increase(http_request_duration_seconds_count{${sel}}[${window}]))`,
    latencyP95Seconds: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${sel}}[${window}])))`,
    checkoutFailures: `sum(increase(storefront_checkout_failures_total{${sel}}[${window}])) or vector(0)`,
  };
}

export interface SloFigure {
  readonly name: keyof SloQueries;
  /** undefined: Prometheus had no data (no requests in the window), which fails the analysis. */
  readonly value: number | undefined;
  readonly limit: number;
  readonly passed: boolean;
}

export interface SloResult {
  readonly window: string;
  readonly at: Date;
  readonly figures: readonly SloFigure[];
  readonly passed: boolean;
}

/** Queries each figure at `at` over the window before it and compares it with the environment's threshold. */
export async function analyseSlo(target: PrometheusTarget, env: Pick<Environment, 'name'>, slo: Slo, at: Date): Promise<SloResult> {
  const queries = sloQueries(env, slo.window);
  const figures: SloFigure[] = [];
  for (const name of ['errorRatePercent', 'latencyP95Seconds', 'checkoutFailures'] as const) {
    const value = await instantValue(target, queries[name], at);
    const limit = slo[name];
    // NaN (histogram_quantile over no requests) counts as no data.
    const known = value === undefined || Number.isNaN(value) ? undefined : value;
    figures.push({ name, value: known, limit, passed: known !== undefined && known <= limit });
  }
  return { window: slo.window, at, figures, passed: figures.every((figure) => figure.passed) };
}

const labels: Record<keyof SloQueries, string> = { errorRatePercent: 'error rate', latencyP95Seconds: 'p95 latency', checkoutFailures: 'checkout failures' };
const units: Record<keyof SloQueries, string> = { errorRatePercent: '%', latencyP95Seconds: 's', checkoutFailures: '' };

export function formatFigure(figure: SloFigure): string {
  const value = figure.value === undefined ? 'no data' : `${Number(figure.value.toFixed(3))}${units[figure.name]}`;
  return `${labels[figure.name]} ${value} (limit ${figure.limit}${units[figure.name]})${figure.passed ? '' : ' FAILED'}`;
}

/** One line for a commit status description (GitHub keeps 140 characters). */
export function sloSummary(result: SloResult): string {
  return `SLO ${result.passed ? 'passed' : 'failed'} over ${result.window}: ${result.figures.map(formatFigure).join('; ')}`.slice(0, 140);
}
