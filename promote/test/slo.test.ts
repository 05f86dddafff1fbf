import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnvironment } from '@storefront/environments';
import { seriesSelector, sloQueries, type SloQueries } from '../src/slo.js';
import { PrometheusDouble, prometheusResponse, type Recorded } from './support/prometheus-double.js';
import { Fixture, repositoryRoot } from './support/repository.js';

// Assembled at run time so secret scanners do not mistake the fixture for a leaked token.
const token = ['prom', 'TokenThatMustNeverBePrinted0123456789'].join('_');
const placeholder = 'sha256:8845f9dbfe85c156d6affe82eb644222c21b3270088dc247bcf3aa2116654417';
type Answers = Record<keyof SloQueries, unknown>;
const answers = (name: string) => JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'prometheus', `${name}.json`), 'utf8')) as Answers;
const prod = loadEnvironment('prod');
const queries = sloQueries(prod, prod.verification.slo?.window ?? '');

/** Serves the fixture response of whichever SLO query comes in. */
function serve(set: Answers): (query: string) => Recorded {
  return (query) => {
    const name = (Object.keys(queries) as (keyof SloQueries)[]).find((key) => queries[key] === query);
    if (name === undefined) return { status: 400, body: { status: 'error', errorType: 'bad_data', error: `unexpected query ${query}` } };
    return { status: 200, body: set[name] };
  };
}

describe('the SLO analysis against a Prometheus double (the documented HTTP API format)', () => {
  const fixture = new Fixture();
  const prometheus = new PrometheusDouble(token);
  let deployedAt = new Date();

  beforeAll(async () => {
    await prometheus.start();
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront', PROMETHEUS_URL: prometheus.url, PROMETHEUS_TOKEN: token };
    deployedAt = new Date(fixture.git('log', '-1', '--format=%aI', 'HEAD').trim());
    // The window (30m on prod) has passed since the commit that deployed prod's release.
    fixture.now = new Date(deployedAt.getTime() + 45 * 60_000);
  });
  afterAll(async () => {
    await prometheus.stop();
    fixture.cleanup();
  });

  it('every fixture response is in the Prometheus API format', () => {
    for (const name of ['healthy', 'degraded', 'no-traffic']) for (const body of Object.values(answers(name))) expect(prometheusResponse.safeParse(body).success, name).toBe(true);
  });

  it('queries the series the alerts watch: same namespace and job as the generated PrometheusRule', () => {
    const rule = readFileSync(path.join(repositoryRoot, 'manifests', 'prod', 'prometheusrule-storefront.yaml'), 'utf8');
    const exprs = (parse(rule) as { spec: { groups: { rules: { alert: string; expr: string }[] }[] } }).spec.groups.flatMap((g) => g.rules).filter((r) => r.alert === 'StorefrontHighErrorRate' || r.alert === 'StorefrontHighLatency');
    expect(exprs.length).toBeGreaterThan(0);
    for (const { expr } of exprs) expect(expr).toContain(seriesSelector(prod));
    expect(queries.errorRatePercent).toContain('http_request_duration_seconds_count');
    expect(queries.errorRatePercent).toContain('status_code=~"5.."');
    expect(queries.latencyP95Seconds).toMatch(/^histogram_quantile\(0\.95, sum by \(le\) \(rate\(http_request_duration_seconds_bucket\{/);
    expect(queries.checkoutFailures).toContain('storefront_checkout_failures_total');
  });

  it('passes a healthy release: every figure under prod\'s thresholds, over the window ending now', async () => {
    prometheus.answer = serve(answers('healthy'));
    prometheus.queries.length = 0;
    const result = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    console.log(`healthy: exit ${result.code}\n${result.out}`);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('  error rate 0.217% (limit 1%)');
    expect(result.out).toContain('  p95 latency 0.183s (limit 0.5s)');
    expect(result.out).toContain('  checkout failures 2 (limit 10)');
    expect(prometheus.queries.map((q) => q.query)).toEqual([queries.errorRatePercent, queries.latencyP95Seconds, queries.checkoutFailures]);
    for (const query of prometheus.queries) expect(query.time).toBe(fixture.now.getTime() / 1000);
    expect(queries.errorRatePercent).toContain('[30m]');
  });

  it('fails a degraded release with one line per figure and exit 3', async () => {
    prometheus.answer = serve(answers('degraded'));
    const result = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    console.log(`degraded: exit ${result.code}\n${result.out}\n${result.err}`);
    expect(result.code).toBe(3);
    expect(result.out).toContain('  error rate 3.448% (limit 1%) FAILED');
    expect(result.out).toContain('  p95 latency 0.952s (limit 0.5s) FAILED');
    expect(result.out).toContain('  checkout failures 41 (limit 10) FAILED');
    expect(result.err).toMatch(/^promote: refused: SLO failed over 30m: error rate 3\.448% \(limit 1%\) FAILED;/);
  });

  it('fails when the window saw no requests: no data proves nothing', async () => {
    prometheus.answer = serve(answers('no-traffic'));
    const result = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    console.log(`no traffic: exit ${result.code}\n${result.out}`);
    expect(result.code).toBe(3);
    expect(result.out).toContain('  error rate no data (limit 1%) FAILED');
    expect(result.out).toContain('  p95 latency no data (limit 0.5s) FAILED');
  });

  it('refuses before the soak window is over, and a release prod no longer runs', async () => {
    const now = fixture.now;
    fixture.now = new Date(deployedAt.getTime() + 10 * 60_000);
    const early = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    fixture.now = now;
    expect(early.code).toBe(3);
    expect(early.err).toMatch(/^promote: refused: the soak window of 30m after the deploy \(.*\) is not over: 20m left; run again then, or with --wait$/);
    const replaced = await fixture.promote('slo', '--env', 'prod', '--digest', `sha256:${'e'.repeat(64)}`);
    expect(replaced.code).toBe(3);
    expect(replaced.err).toContain('prod no longer runs eeeeeeeeeeee');
  });

  it('says what is wrong with Prometheus without printing the token', async () => {
    prometheus.answer = () => ({ status: 422, body: { status: 'error', errorType: 'execution', error: 'query timed out in expression evaluation' } });
    const refused = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Prometheus refused the query (execution: query timed out in expression evaluation)');
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront', PROMETHEUS_URL: prometheus.url, PROMETHEUS_TOKEN: `${token}x` };
    const unauthorized = await fixture.promote('slo', '--env', 'prod', '--digest', placeholder);
    fixture.env = { GITHUB_REPOSITORY: 'bitshop-dev/storefront', PROMETHEUS_URL: prometheus.url, PROMETHEUS_TOKEN: token };
    expect(unauthorized.code).toBe(1);
    expect(unauthorized.err).toBe(`promote: Prometheus at ${prometheus.url} answered 401: check PROMETHEUS_TOKEN`);
    expect(unauthorized.err + unauthorized.out).not.toContain(token);
    const noSlo = await fixture.promote('slo', '--env', 'dev', '--digest', placeholder);
    expect(noSlo.err).toBe('promote: environments/dev.yaml has no verification.slo: this environment has no SLO analysis');
  });
});
