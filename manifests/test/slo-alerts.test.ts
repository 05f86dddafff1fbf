import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadEnvironment } from '@storefront/environments';
import { names, namespaceName } from '../src/names.js';
import { manifestsPath, repositoryRoot } from '../src/repository.js';
import { sloAlerts, storefrontRunbook } from '../src/constructs/slo-rules.js';
import { storefrontAlerts } from '../src/constructs/alert-rules.js';
import { promtoolRun, promtoolTest } from './support/promtool.js';

// prod's generated SLO rules under promtool over synthetic traffic: each burn-rate alert fires
// when the budget burns at its rate and stays silent on a healthy shop or a slower burn.

const env = loadEnvironment('prod');
const ruleFile = path.join(repositoryRoot, manifestsPath('prod'), `prometheusrule-${names.prometheusRule}.yaml`);
const rule = parse(readFileSync(ruleFile, 'utf8')) as { spec: { groups: { rules: { alert?: string; annotations?: Record<string, string> }[] }[] } };
const work = mkdtempSync(path.join(tmpdir(), 'slo-alerts-'));
writeFileSync(path.join(work, 'rules.yaml'), stringify({ groups: rule.spec.groups }));

const sel = `namespace="${namespaceName(env)}",job="${names.metricsService}",method="GET",route="/"`;
const le = String(env.slo.latency.thresholdSeconds);
/** Per-minute traffic as cumulative counters over `minutes`: answered ok, 5xx, and slower than the threshold. */
function traffic(minutes: number, perMinute: { ok: number; errors: number; slow: number }) {
  const total = perMinute.ok + perMinute.errors;
  return [
    { series: `http_request_duration_seconds_count{${sel},status_code="200"}`, values: `0+${String(perMinute.ok)}x${String(minutes)}` },
    { series: `http_request_duration_seconds_count{${sel},status_code="500"}`, values: `0+${String(perMinute.errors)}x${String(minutes)}` },
    { series: `http_request_duration_seconds_bucket{${sel},status_code="200",le="${le}"}`, values: `0+${String(total - perMinute.slow)}x${String(minutes)}` },
  ];
}
const alerts = new Map(sloAlerts(env).map((a) => [a.alert, a]));
function firing(name: string) {
  const a = alerts.get(name);
  if (a === undefined) throw new Error(`no alert ${name}`);
  return { exp_labels: { severity: a.severity, environment: 'prod', service: 'storefront' }, exp_annotations: { summary: a.summary, description: a.description, runbook_url: `${storefrontRunbook}#${name.toLowerCase()}` } };
}
const fires = (alertname: string, eval_time: string) => ({ alertname, eval_time, exp_alerts: [firing(alertname)] });
const silent = (alertname: string, eval_time: string) => ({ alertname, eval_time, exp_alerts: [] });
const all = [...alerts.keys()];

const scenarios = [
  {
    name: 'healthy: 0.1% errors, 0.5% slow: nothing fires',
    interval: '1m',
    input_series: traffic(240, { ok: 999, errors: 1, slow: 5 }),
    alert_rule_test: all.flatMap((a) => [silent(a, '30m'), silent(a, '4h')]),
  },
  {
    name: '10% errors (burn rate 20): the availability page fires, latency stays silent',
    interval: '1m',
    input_series: traffic(120, { ok: 900, errors: 100, slow: 0 }),
    alert_rule_test: [fires('StorefrontAvailabilityBudgetBurnFast', '10m'), silent('StorefrontLatencyBudgetBurnFast', '10m'), silent('StorefrontLatencyBudgetBurnSlow', '60m')],
  },
  {
    name: '2% errors (burn rate 4): a ticket, no page',
    interval: '1m',
    input_series: traffic(180, { ok: 980, errors: 20, slow: 0 }),
    alert_rule_test: [silent('StorefrontAvailabilityBudgetBurnSlow', '10m'), fires('StorefrontAvailabilityBudgetBurnSlow', '30m'), silent('StorefrontAvailabilityBudgetBurnFast', '30m'), silent('StorefrontAvailabilityBudgetBurnFast', '3h')],
  },
  {
    name: `30% of requests slower than ${le}s: the latency page fires, availability stays silent`,
    interval: '1m',
    input_series: traffic(120, { ok: 1000, errors: 0, slow: 300 }),
    alert_rule_test: [fires('StorefrontLatencyBudgetBurnFast', '10m'), fires('StorefrontLatencyBudgetBurnSlow', '30m'), silent('StorefrontAvailabilityBudgetBurnFast', '30m')],
  },
  {
    name: '5% slow (burn rate 5): a latency ticket, no page',
    interval: '1m',
    input_series: traffic(180, { ok: 1000, errors: 0, slow: 50 }),
    alert_rule_test: [fires('StorefrontLatencyBudgetBurnSlow', '30m'), silent('StorefrontLatencyBudgetBurnFast', '30m'), silent('StorefrontLatencyBudgetBurnFast', '3h')],
  },
];

describe('the storefront SLO alerts (prod), under promtool', () => {
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('give every alert of the rule a runbook section in docs/runbooks/storefront.md', () => {
    const runbook = readFileSync(path.join(repositoryRoot, 'docs/runbooks/storefront.md'), 'utf8');
    const ruleAlerts = rule.spec.groups.flatMap((g) => g.rules).filter((r) => r.alert !== undefined);
    expect(ruleAlerts.map((r) => r.alert).sort()).toEqual([...storefrontAlerts(env).map((a) => a.alert), ...all].sort());
    for (const r of ruleAlerts) {
      expect(r.annotations?.runbook_url).toBe(`${storefrontRunbook}#${String(r.alert).toLowerCase()}`);
      expect(runbook, `a section for ${String(r.alert)}`).toContain(`\n## ${String(r.alert)}\n`);
    }
  });

  it('cover every burn-rate alert with a scenario where it fires', () => {
    const tested = new Set(scenarios.flatMap((s) => s.alert_rule_test.filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname)));
    expect([...tested].sort()).toEqual([...all].sort());
  });

  it('pass promtool check rules', async () => {
    const { stdout } = await promtoolRun(work, ['check', 'rules', 'rules.yaml']);
    expect(stdout).toContain('SUCCESS');
  }, 30_000);

  it('fire when the budget burns at their rate and stay silent otherwise', async () => {
    const { code, output } = await promtoolTest(work, scenarios, 'slo-tests.json');
    console.log(output.trim());
    expect(code, output).toBe(0);
  }, 60_000);
});
