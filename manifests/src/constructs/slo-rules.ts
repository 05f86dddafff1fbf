import type { Environment } from '@storefront/environments';
import { names, namespaceName } from '../names.js';
import { githubRepository, targetRevision } from '../repository.js';

// Multi-window, multi-burn-rate alerts on the environment's SLOs (Google SRE workbook, "Alerting
// on SLOs"): a burn rate is how many times faster than "exactly used up at the end of the
// window" the error budget goes. Each alert needs a long window (the burn is real) and a short
// one (it is still going on, so the alert clears soon after a fix).

/** The storefront runbook, on the branch Argo CD syncs; `#<alert, lowercase>` is its section. */
export const storefrontRunbook = `https://github.com/${githubRepository}/blob/${targetRevision}/docs/runbooks/storefront.md`;

export interface BurnRateWindow {
  readonly burnRate: number;
  readonly long: string;
  readonly short: string;
}

/** Page: 2% of a 30-day budget in an hour, or 5% in 6 hours. Ticket: 10% in a day, 10% in 3 days. */
export const burnRates = {
  page: [
    { burnRate: 14.4, long: '1h', short: '5m' },
    { burnRate: 6, long: '6h', short: '30m' },
  ],
  ticket: [
    { burnRate: 3, long: '1d', short: '2h' },
    { burnRate: 1, long: '3d', short: '6h' },
  ],
} as const satisfies Record<string, readonly BurnRateWindow[]>;

export const sloWindows = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;

export interface RecordingRule {
  readonly record: string;
  readonly expr: string;
}

export interface SloAlert {
  readonly alert: string;
  readonly expr: string;
  readonly for: string;
  readonly severity: 'page' | 'ticket';
  readonly summary: string;
  readonly description: string;
}

type Sli = 'errors' | 'slow';
export const ratioRecord = (sli: Sli, window: string) => `storefront:request_${sli}:ratio_rate${window}`;

/** The bucket label as the app writes it (`0.5`, `1`) and as Prometheus 3 normalises it (`1.0`). */
function leMatcher(seconds: number): string {
  const text = String(seconds);
  return Number.isInteger(seconds) ? `le=~"${text}|${text}.0"` : `le="${text}"`;
}

export function sloRecordingRules(env: Pick<Environment, 'name' | 'slo'>): RecordingRule[] {
  const sel = `namespace="${namespaceName(env)}", job="${names.metricsService}"`;
  const total = (w: string) => `sum(rate(http_request_duration_seconds_count{${sel}}[${w}]))`;
  return sloWindows.flatMap((w) => [
    { record: ratioRecord('errors', w), expr: `sum(rate(http_request_duration_seconds_count{${sel}, status_code=~"5.."}[${w}])) / ${total(w)}` },
    {
      record: ratioRecord('slow', w),
      expr: `1 - sum(rate(http_request_duration_seconds_bucket{${sel}, ${leMatcher(env.slo.latency.thresholdSeconds)}}[${w}])) / ${total(w)}`,
    },
  ]);
}

function burnExpr(sli: Sli, budget: number, windows: readonly BurnRateWindow[]): string {
  return windows
    .map(({ burnRate, long, short }) => {
      const limit = Number((burnRate * budget).toPrecision(6));
      return `(${ratioRecord(sli, long)} > ${String(limit)} and ${ratioRecord(sli, short)} > ${String(limit)})`;
    })
    .join(' or ');
}

export function sloAlerts(env: Pick<Environment, 'name' | 'slo'>): SloAlert[] {
  const { availability, latency } = env.slo;
  const objectives = [
    { name: 'Availability', sli: 'errors' as const, objective: availability.objective, window: availability.window, what: 'requests answered without a 5xx' },
    { name: 'Latency', sli: 'slow' as const, objective: latency.objective, window: latency.window, what: `requests answered within ${String(latency.thresholdSeconds)}s` },
  ];
  return objectives.flatMap(({ name, sli, objective, window, what }) => {
    const budget = Number((1 - objective / 100).toPrecision(6));
    const slo = `${String(objective)}% of ${what} over ${window}`;
    return [
      {
        alert: `Storefront${name}BudgetBurnFast`,
        expr: burnExpr(sli, budget, burnRates.page),
        for: '2m',
        severity: 'page' as const,
        summary: `storefront burns its ${name.toLowerCase()} error budget fast in ${env.name}`,
        description: `At this rate the error budget of the SLO (${slo}) is gone within days: 2% of it in the last hour or 5% in 6 hours.`,
      },
      {
        alert: `Storefront${name}BudgetBurnSlow`,
        expr: burnExpr(sli, budget, burnRates.ticket),
        for: '15m',
        severity: 'ticket' as const,
        summary: `storefront burns its ${name.toLowerCase()} error budget steadily in ${env.name}`,
        description: `The SLO (${slo}) will be missed if this goes on: 10% of the budget in a day or in 3 days.`,
      },
    ];
  });
}
