import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { metricNames, withoutGrafanaVariables } from '../../app/test/support/promql-metrics.js';
import { dashboardFile } from '../src/constructs/dashboard-config-map.js';
import { dashboardExpressions } from '../src/dashboard/storefront-dashboard.js';
import type { Dashboard, Panel } from '../src/dashboard/model.js';
import { names, namespaceName, platform } from '../src/names.js';
import { environments, find, objectsOf } from './support/objects.js';
import { promtoolRun, promtoolTest } from './support/promtool.js';

// The storefront's Grafana dashboard (manifests/src/dashboard): a ConfigMap per environment that
// its cluster's Grafana really loads, with a well-formed layout and PromQL that parses and reads
// only its environment's namespace. That every metric it names is exported by the app is
// app/test/process/dashboard-metrics.test.ts, against the real process.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface SidecarValues {
  grafana?: { enabled?: boolean; sidecar?: { dashboards?: { enabled?: boolean; label?: string; labelValue?: string; searchNamespace?: string } } };
}

function kubePrometheusStackValues(env: string): SidecarValues {
  const application = parse(readFileSync(path.join(root, 'argocd/platform', env, 'kube-prometheus-stack.yaml'), 'utf8')) as { spec: { source: { helm: { valuesObject: SidecarValues } } } };
  return application.spec.source.helm.valuesObject;
}

describe.each(environments.map((env) => [env.name, env] as const))('the dashboard of %s', (_name, env) => {
  const configMap = find<{ metadata: { labels: Record<string, string> }; data: Record<string, string> }>(objectsOf(env), 'ConfigMap', names.dashboard);
  const dashboard = JSON.parse(configMap.data[dashboardFile] ?? 'null') as Dashboard;
  const panels = dashboard.panels.filter((panel): panel is Panel => panel.type !== 'row');

  it("carries the label its cluster's Grafana sidecar loads, which searches every namespace", () => {
    const values = kubePrometheusStackValues(env.name);
    const sidecar = values.grafana?.sidecar?.dashboards;
    expect(values.grafana?.enabled).not.toBe(false);
    expect(sidecar?.enabled).not.toBe(false);
    expect(sidecar?.searchNamespace).toBe('ALL');
    expect(platform.monitoring.dashboardLabel).toEqual({ [String(sidecar?.label)]: sidecar?.labelValue });
    expect(configMap.metadata.labels).toMatchObject(platform.monitoring.dashboardLabel);
    expect(Object.keys(configMap.data)).toEqual([dashboardFile]);
  });

  it('opens on its own namespace, from the data source the variable picks', () => {
    const namespace = dashboard.templating.list.find((variable) => variable.name === 'namespace');
    expect(namespace?.type === 'query' ? namespace.current.value : undefined).toBe(namespaceName(env));
    expect(dashboard.templating.list.map((variable) => variable.type)).toEqual(['datasource', 'query']);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: '${datasource}' });
      for (const target of panel.targets) expect(target.datasource, panel.title).toEqual(panel.datasource);
    }
  });

  it('lays panels on the 24-column grid without overlaps, each with a unique id', () => {
    const cells = new Set<string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row += 1) for (let column = x; column < x + w; column += 1) {
        const cell = `${String(column)},${String(row)}`;
        expect(cells.has(cell), `${panel.title} overlaps at ${cell}`).toBe(false);
        cells.add(cell);
      }
    }
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
  });

  it('has only PromQL that parses, each selector scoped to the namespace variable', () => {
    const expressions = dashboardExpressions(dashboard);
    expect(expressions.length).toBeGreaterThan(20);
    for (const expr of expressions) {
      expect(metricNames(withoutGrafanaVariables(expr)).length, expr).toBeGreaterThan(0);
      const selectors = expr.match(/[a-z_:]+\{[^}]*\}/g) ?? [];
      expect(selectors.length, expr).toBeGreaterThan(0);
      for (const selector of selectors) expect(selector, expr).toContain('namespace="$namespace"');
    }
  });

  it('marks deploys from changes of storefront_build_info', () => {
    expect(dashboard.annotations.list.map((annotation) => annotation.name)).toEqual(['Deploys']);
    expect(metricNames(withoutGrafanaVariables(dashboard.annotations.list[0]?.expr ?? ''))).toEqual(['storefront_build_info', 'storefront_build_info']);
  });
});

/** `promtool check rules` over `exprs` as recording rules (it type-checks PromQL, which a grammar alone cannot); its output, never a throw. */
async function promtoolCheck(exprs: readonly string[]): Promise<{ ok: boolean; output: string }> {
  const work = mkdtempSync(path.join(tmpdir(), 'storefront-dashboard-'));
  try {
    const rules = exprs.map((expr, index) => ({ record: `dashboard:query_${String(index)}`, expr: withoutGrafanaVariables(expr) }));
    writeFileSync(path.join(work, 'rules.yaml'), JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
    const { stdout, stderr } = await promtoolRun(work, ['check', 'rules', 'rules.yaml']);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

describe('the dashboard queries under promtool', () => {
  const env = environments[0];
  if (env === undefined) throw new Error('no environment');
  const configMap = find<{ data: Record<string, string> }>(objectsOf(env), 'ConfigMap', names.dashboard);
  const dashboard = JSON.parse(configMap.data[dashboardFile] ?? 'null') as Dashboard;

  it('pass promtool check rules (syntax and types)', async () => {
    const { ok, output } = await promtoolCheck(dashboardExpressions(dashboard));
    expect(output).toContain('SUCCESS');
    expect(ok).toBe(true);
  }, 30_000);

  it('and promtool refuses a query of the wrong type', async () => {
    // Parses as PromQL, but rate() needs a range vector.
    const { ok, output } = await promtoolCheck(['sum(rate(storefront_orders_created_total{namespace="$namespace"}))']);
    expect(ok).toBe(false);
    expect(output).toMatch(/range vector/i);
  }, 30_000);
});

describe('the deploy markers under promtool', () => {
  const env = environments[0];
  if (env === undefined) throw new Error('no environment');
  const configMap = find<{ data: Record<string, string> }>(objectsOf(env), 'ConfigMap', names.dashboard);
  const dashboard = JSON.parse(configMap.data[dashboardFile] ?? 'null') as Dashboard;
  const expr = (dashboard.annotations.list[0]?.expr ?? '').replaceAll('$namespace', namespaceName(env));
  const release = (pod: string, revision: string) => `storefront_build_info{namespace="${namespaceName(env)}", pod="${pod}", version="0.1.0", revision="${revision}", digest="sha256:${revision}"}`;
  const newRelease = { version: '0.1.0', revision: 'b2', digest: 'sha256:b2' };

  async function run(expected: { eval_time: string; exp_samples: { labels: string; value: number }[] }[]): Promise<{ code: number; output: string }> {
    const work = mkdtempSync(path.join(tmpdir(), 'storefront-deploys-'));
    try {
      writeFileSync(path.join(work, 'rules.yaml'), JSON.stringify({ groups: [] }));
      return await promtoolTest(work, [{
        interval: '1m',
        // The old release runs throughout; a rollout starts the new one at minute 20 (another pod
        // of it a minute later, which must not mark again).
        input_series: [
          { series: release('a', 'a1'), values: '1x60' },
          { series: release('b', 'b2'), values: '_x20 1x40' },
          { series: release('c', 'b2'), values: '_x21 1x39' },
        ],
        promql_expr_test: expected.map((test) => ({ expr, ...test })),
      }], 'deploys.json');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }

  const labels = `{digest="${newRelease.digest}", revision="${newRelease.revision}", version="${newRelease.version}"}`;

  it('mark a release in the minutes after it first runs, once for all its pods, and nothing before or after', async () => {
    const { code, output } = await run([
      { eval_time: '10m', exp_samples: [] },
      { eval_time: '23m', exp_samples: [{ labels, value: 2 }] },
      { eval_time: '30m', exp_samples: [] },
    ]);
    expect(output).toContain('SUCCESS');
    expect(code).toBe(0);
  }, 30_000);

  it('and promtool fails an expectation the marker does not meet', async () => {
    const { code } = await run([{ eval_time: '40m', exp_samples: [{ labels, value: 2 }] }]);
    expect(code).not.toBe(0);
  }, 30_000);
});
