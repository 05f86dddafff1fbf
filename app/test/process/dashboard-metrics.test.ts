import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartWithOne, checkOut, customer, newTally, type BuyerOptions } from '../support/retrying-buyer.js';
import { freePort } from '../../src/harness/index.js';
import { scrape } from '../support/prometheus-text.js';
import { metricNames, withoutGrafanaVariables } from '../support/promql-metrics.js';
import { startShopOnPostgres, type ShopOnPostgres } from '../support/shop-on-postgres.js';

// Every query of the Grafana dashboard the manifests deploy (manifests/<env>/
// configmap-storefront-dashboard.yaml, as synthesized) names a metric the real shop exports:
// the compiled server on PostgreSQL, scraped after catalog pages, a checkout and a refused one.

const manifestsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../manifests');

interface DashboardJson {
  panels: { type: string; title: string; targets?: { expr: string }[] }[];
  annotations: { list: { name: string; expr: string }[] };
  templating: { list: { name: string; type: string; query?: string }[] };
}

/** Where each metric name of the dashboard comes from: a panel's query, an annotation's, a variable's `label_values`. */
function dashboardMetrics(dashboard: DashboardJson): { where: string; metric: string }[] {
  const found: { where: string; metric: string }[] = [];
  for (const panel of dashboard.panels) for (const target of panel.targets ?? []) for (const metric of metricNames(withoutGrafanaVariables(target.expr))) found.push({ where: `panel "${panel.title}"`, metric });
  for (const annotation of dashboard.annotations.list) for (const metric of metricNames(withoutGrafanaVariables(annotation.expr))) found.push({ where: `annotation "${annotation.name}"`, metric });
  for (const variable of dashboard.templating.list) {
    if (variable.type !== 'query') continue;
    const labelValues = /^label_values\(\s*([^,]+?)\s*,\s*[A-Za-z_][A-Za-z0-9_]*\s*\)$/.exec(variable.query ?? '');
    if (labelValues === null) throw new Error(`variable ${variable.name}: expected label_values(metric, label), got ${String(variable.query)}`);
    for (const metric of metricNames(withoutGrafanaVariables(labelValues[1] ?? ''))) found.push({ where: `variable "${variable.name}"`, metric });
  }
  return found;
}

function notExported(dashboard: DashboardJson, exported: ReadonlySet<string>): string[] {
  return dashboardMetrics(dashboard).filter(({ metric }) => !exported.has(metric)).map(({ where, metric }) => `${where}: ${metric}`);
}

async function generatedDashboards(): Promise<Map<string, DashboardJson>> {
  const dashboards = new Map<string, DashboardJson>();
  for (const entry of await readdir(manifestsDir, { withFileTypes: true })) {
    const file = path.join(manifestsDir, entry.name, 'configmap-storefront-dashboard.yaml');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (!entry.isDirectory() || text === undefined) continue;
    const configMap = parse(text) as { data: Record<string, string> };
    for (const json of Object.values(configMap.data)) dashboards.set(entry.name, JSON.parse(json) as DashboardJson);
  }
  return dashboards;
}

let env: ShopOnPostgres;
let exported: Set<string>;
let dashboards: Map<string, DashboardJson>;

beforeAll(async () => {
  dashboards = await generatedDashboards();
  const metricsPort = await freePort();
  env = await startShopOnPostgres({ env: { METRICS_PORT: String(metricsPort) } });
  const buyer: BuyerOptions = { baseUrl: env.url, tally: newTally(), deadline: performance.now() + 30_000, serverAlive: () => env.alive() };
  for (const cookie of [undefined, undefined, 'cart=someone']) expect((await fetch(`${env.url}/products`, { headers: cookie === undefined ? {} : { cookie } })).status).toBe(200);
  await checkOut(buyer, await cartWithOne(buyer, env.sku), 'dashboard-order');
  const emptyCart = (await (await fetch(`${env.url}/api/v1/carts`, { method: 'POST' })).json()) as { id: string };
  const refused = await fetch(`${env.url}/api/v1/orders`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'dashboard-refused' }, body: JSON.stringify({ cartId: emptyCart.id, ...customer }) });
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(refused.status).toBeLessThan(500);
  exported = new Set((await scrape(`http://127.0.0.1:${String(metricsPort)}/metrics`)).map((sample) => sample.name));
}, 90_000);
afterAll(async () => {
  await env.close();
});

describe('the Grafana dashboard of every environment', () => {
  it('is generated for each environment', () => {
    expect([...dashboards.keys()].sort()).toEqual(['dev', 'prod', 'stage']);
  });

  it('names only metrics the shop exports', () => {
    for (const [name, dashboard] of dashboards) {
      const metrics = new Set(dashboardMetrics(dashboard).map(({ metric }) => metric));
      console.log(`dashboard ${name}: ${String(metrics.size)} metrics, all exported: ${[...metrics].sort().join(', ')}`);
      expect(notExported(dashboard, exported), name).toEqual([]);
      // The histograms' series and the labelled counters appear only once something was counted.
      expect(metrics).toContain('storefront_checkout_failures_total');
      expect(metrics).toContain('storefront_db_query_duration_seconds_bucket');
    }
  });

  it('fails on a panel naming a metric the shop does not export', () => {
    const dashboard = dashboards.get('dev');
    if (dashboard === undefined) throw new Error('no dev dashboard');
    const misspelt: DashboardJson = { ...dashboard, panels: [...dashboard.panels, { type: 'timeseries', title: 'Orders', targets: [{ expr: 'sum(rate(storefront_orders_total{namespace="$namespace"}[$__rate_interval]))' }] }] };
    expect(notExported(misspelt, exported)).toEqual(['panel "Orders": storefront_orders_total']);
    const unparsable: DashboardJson = { ...dashboard, panels: [{ type: 'timeseries', title: 'Broken', targets: [{ expr: 'sum(rate(storefront_orders_created_total[5m])' }] }] };
    expect(() => notExported(unparsable, exported)).toThrow(/does not parse/);
  });
});
