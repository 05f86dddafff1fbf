// PromQL the dashboard's panels share. Every selector is scoped to the environment's namespace
// (`$namespace`, a dashboard variable): each environment's Prometheus scrapes the storefront
// through its ServiceMonitor, which labels every series with the pod's namespace.

/** The Grafana variable every selector filters on. */
export const namespaceVariable = 'namespace';

/** Grafana's rate window: at least four scrape intervals, so a rate never has fewer than two samples. */
export const rateInterval = '$__rate_interval';

/** `metric{namespace="$namespace", …matchers}`; `matchers` are PromQL label matchers, e.g. `status_code=~"5.."`. */
export function selector(metric: string, ...matchers: string[]): string {
  return `${metric}{${[`${namespaceVariable}="$${namespaceVariable}"`, ...matchers].join(', ')}}`;
}

/** Per-second rate of a counter, summed by `by` (nothing: one series). */
export function sumRate(metric: string, by: readonly string[] = [], ...matchers: string[]): string {
  return `sum${by.length > 0 ? ` by (${by.join(', ')})` : ''} (rate(${selector(metric, ...matchers)}[${rateInterval}]))`;
}

/** The `quantile` of a histogram's observations, per `by`, from its `_bucket` series. */
export function histogramQuantile(quantile: number, histogram: string, by: readonly string[] = []): string {
  return `histogram_quantile(${String(quantile)}, ${sumRate(`${histogram}_bucket`, ['le', ...by])})`;
}
