import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { monitoringFolder, notificationsAlerts, notificationsMetrics, notificationsRunbook } from '../src/argocd/management.js';
import { argocdPath, repositoryRoot } from '../src/repository.js';
import { promtool, promtoolRun as runPromtool, promtoolTest as runPromtoolTest } from './support/promtool.js';

// The management cluster's notification alerts, run for real: promtool (Prometheus's own rule
// checker and unit-test runner, pinned in scripts/tools/promtool.mjs) evaluates the generated
// rules over synthetic series, each alert where it must fire and where it must stay silent.

const ruleFile = path.join(repositoryRoot, argocdPath, monitoringFolder, 'prometheusrule-argocd-notifications.yaml');
const rule = parse(readFileSync(ruleFile, 'utf8')) as { spec: { groups: unknown[] } };
const work = mkdtempSync(path.join(tmpdir(), 'notifications-alerts-'));
writeFileSync(path.join(work, 'rules.yaml'), stringify({ groups: rule.spec.groups }));

const job = `job="${notificationsMetrics.service}",namespace="argocd"`;
const pod = 'instance="10.0.3.7:9001",pod="argocd-notifications-controller-6d9f7c8b5-x2k4q"';
const deliveries = (succeeded: boolean, service = 'github-dispatch', trigger = 'on-deployed') => `argocd_notifications_deliveries_total{${job},${pod},service="${service}",trigger="${trigger}",succeeded="${String(succeeded)}"}`;
const up = `up{${job},${pod}}`;
const severity = { severity: 'warning', component: 'argocd-notifications' };
const failing = (service: string, trigger: string) => ({
  exp_labels: { ...severity, service, trigger },
  exp_annotations: {
    summary: `Argo CD notifications fail to reach ${service}`,
    description: `Notifications of trigger ${trigger} through ${service} failed in the last 15m: a deploy set no commit status or started no verification. Usually the GitHub token in argocd-notifications-secret expired or lost a permission.`,
    runbook_url: `${notificationsRunbook}#argocdnotificationsdeliveryfailing`,
  },
});
const down = {
  exp_labels: severity,
  exp_annotations: {
    summary: 'The Argo CD notifications controller is not scraped',
    description: 'Prometheus has had no successful scrape of argocd-notifications-controller-metrics in argocd for 10 minutes: the controller is down, or its metrics are unreachable. While it is down no deploy notification is sent.',
    runbook_url: `${notificationsRunbook}#argocdnotificationscontrollerdown`,
  },
};
const fires = (alertname: string, eval_time: string, alerts: unknown[]) => ({ alertname, eval_time, exp_alerts: alerts });
const silent = (alertname: string, eval_time: string) => fires(alertname, eval_time, []);

const scenarios = [
  {
    name: 'deliveries succeed, the controller is scraped: nothing fires',
    interval: '1m',
    input_series: [
      { series: deliveries(true), values: '0+1x60' },
      { series: up, values: '1x60' },
    ],
    alert_rule_test: [silent('ArgoCdNotificationsDeliveryFailing', '30m'), silent('ArgoCdNotificationsControllerDown', '30m'), silent('ArgoCdNotificationsDeliveryFailing', '60m')],
  },
  {
    name: 'failures long ago, none since: silent (the counter stands still)',
    interval: '1m',
    input_series: [
      { series: deliveries(false), values: '3x60' },
      { series: deliveries(true), values: '0+1x60' },
      { series: up, values: '1x60' },
    ],
    alert_rule_test: [silent('ArgoCdNotificationsDeliveryFailing', '20m'), silent('ArgoCdNotificationsDeliveryFailing', '60m')],
  },
  {
    name: 'a delivery fails at minute 20 (an expired token): fires at once, per service and trigger, clears 15m later',
    interval: '1m',
    input_series: [
      { series: deliveries(false, 'github-status', 'on-sync-failed'), values: '0x20 1x40' },
      { series: deliveries(true), values: '0+1x60' },
      { series: up, values: '1x60' },
    ],
    alert_rule_test: [
      silent('ArgoCdNotificationsDeliveryFailing', '19m'),
      fires('ArgoCdNotificationsDeliveryFailing', '22m', [failing('github-status', 'on-sync-failed')]),
      fires('ArgoCdNotificationsDeliveryFailing', '34m', [failing('github-status', 'on-sync-failed')]),
      silent('ArgoCdNotificationsDeliveryFailing', '40m'),
    ],
  },
  {
    name: 'the first failure since the controller started (a series that did not exist): fires too',
    interval: '1m',
    input_series: [
      { series: deliveries(false), values: '_x20 1x40' },
      { series: up, values: '1x60' },
    ],
    alert_rule_test: [silent('ArgoCdNotificationsDeliveryFailing', '19m'), fires('ArgoCdNotificationsDeliveryFailing', '21m', [failing('github-dispatch', 'on-deployed')]), silent('ArgoCdNotificationsDeliveryFailing', '40m')],
  },
  {
    name: 'the controller stops answering scrapes at minute 5: pending, then firing after 10m',
    interval: '1m',
    input_series: [{ series: up, values: '1x5 0x30' }],
    alert_rule_test: [silent('ArgoCdNotificationsControllerDown', '4m'), silent('ArgoCdNotificationsControllerDown', '12m'), fires('ArgoCdNotificationsControllerDown', '17m', [down])],
  },
  {
    name: 'no target at all (the controller or its Service is gone): fires after 10m',
    interval: '1m',
    input_series: [{ series: `up{job="some-other-job",namespace="argocd"}`, values: '1x30' }],
    alert_rule_test: [silent('ArgoCdNotificationsControllerDown', '5m'), fires('ArgoCdNotificationsControllerDown', '11m', [down])],
  },
];

const promtoolRun = (args: string[]) => runPromtool(work, args);
const promtoolTest = (tests: unknown[], file: string) => runPromtoolTest(work, tests, file);

describe('the notifications alerts of the management cluster, under promtool', () => {
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('promtool is installed at the pinned version (node scripts/install-tools.mjs promtool)', () => {
    expect(existsSync(promtool), `${promtool} is missing: run node scripts/install-tools.mjs promtool`).toBe(true);
  });

  it('covers every alert the rule defines', () => {
    const tested = new Set(scenarios.flatMap((s) => s.alert_rule_test.filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname)));
    expect([...tested].sort()).toEqual(notificationsAlerts.map((a) => a.alert).sort());
  });

  it('passes promtool check rules', async () => {
    const { stdout } = await promtoolRun(['check', 'rules', 'rules.yaml']);
    console.log(stdout.trim());
    expect(stdout).toContain(`SUCCESS: ${notificationsAlerts.length} rules found`);
  }, 30_000);

  it('fires where it must and stays silent otherwise (promtool test rules)', async () => {
    const result = await promtoolTest(scenarios, 'alerts.test.yaml');
    console.log(result.output.trim());
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('SUCCESS');
  }, 30_000);

  it('the harness can fail: an alert expected in the healthy scenario makes promtool fail', async () => {
    const healthy = scenarios[0];
    if (healthy === undefined) throw new Error('no scenarios');
    const wrong = { ...healthy, alert_rule_test: [fires('ArgoCdNotificationsDeliveryFailing', '30m', [failing('github-dispatch', 'on-deployed')])] };
    const result = await promtoolTest([wrong], 'wrong.test.yaml');
    expect(result.code).toBe(1);
    expect(result.output).toContain('FAILED');
  }, 30_000);
});
