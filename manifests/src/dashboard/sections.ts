import type { Section } from './layout.js';
import { stat, table, timeSeries } from './panels.js';
import { histogramQuantile, selector, sumRate } from './promql.js';

// What the storefront's panels show, row by row, from the metrics the app exports
// (its registry, `@storefront/app/metrics`; README.md, "Operations contract"). The manifests' tests parse every
// expression and fail on a metric the app does not export.

const requests = 'http_request_duration_seconds';
const byPod = ['pod'];

const traffic: Section = {
  title: 'Traffic and errors',
  panels: [
    timeSeries({ title: 'Requests by route', description: 'Requests per second, by route template.', unit: 'reqps', width: 12, queries: [{ expr: sumRate(`${requests}_count`, ['route']), legend: '{{route}}' }] }),
    timeSeries({
      title: 'Server errors (5xx ratio)',
      description: 'Share of answers with a 5xx status; 503 is the database-unavailable answer (docs/runbooks/storefront.md).',
      unit: 'percentunit',
      min: 0,
      width: 12,
      queries: [
        { expr: `${sumRate(`${requests}_count`, [], 'status_code=~"5.."')} / ${sumRate(`${requests}_count`)}`, legend: 'all routes' },
        { expr: `${sumRate(`${requests}_count`, ['route'], 'status_code=~"5.."')} / ${sumRate(`${requests}_count`, ['route'])}`, legend: '{{route}}' },
      ],
    }),
  ],
};

const latency: Section = {
  title: 'Latency by route',
  panels: ([['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const).map(([name, quantile]) =>
    timeSeries({ title: `${name} latency`, description: `${name} of request duration, by route template, from the http_request_duration_seconds histogram.`, unit: 's', queries: [{ expr: histogramQuantile(quantile, requests, ['route']), legend: '{{route}}' }] }),
  ),
};

const checkout: Section = {
  title: 'Checkout',
  panels: [
    timeSeries({ title: 'Orders created', description: 'Orders per second (an idempotent replay is not counted).', unit: 'ops', width: 12, queries: [{ expr: sumRate('storefront_orders_created_total'), legend: 'orders' }] }),
    timeSeries({ title: 'Checkout failures by reason', description: 'Refused checkouts per second, by reason (out_of_stock, voucher_refused, cart_empty, …).', unit: 'ops', width: 12, queries: [{ expr: sumRate('storefront_checkout_failures_total', ['reason']), legend: '{{reason}}' }] }),
  ],
};

const database: Section = {
  title: 'Database',
  panels: [
    timeSeries({
      title: 'Connection pool',
      description: 'PostgreSQL connections of all pods: in use, idle, and requests waiting for one (waiting above 0 for long: the pool is exhausted), against the pool size.',
      unit: 'short',
      min: 0,
      width: 12,
      queries: [
        { expr: `sum (${selector('storefront_db_pool_connections_in_use')})`, legend: 'in use' },
        { expr: `sum (${selector('storefront_db_pool_connections_idle')})`, legend: 'idle' },
        { expr: `sum (${selector('storefront_db_pool_waiting_requests')})`, legend: 'waiting' },
        { expr: `sum (${selector('storefront_db_pool_max_connections')})`, legend: 'pool size' },
      ],
    }),
    timeSeries({ title: 'Query duration p95 by operation', description: 'p95 of one database round trip, by operation (statement verb and table).', unit: 's', width: 12, queries: [{ expr: histogramQuantile(0.95, 'storefront_db_query_duration_seconds', ['operation']), legend: '{{operation}}' }] }),
  ],
};

const processes: Section = {
  title: 'Processes',
  panels: [
    timeSeries({ title: 'Event-loop lag p99', description: 'p99 of the event-loop delay per pod: a busy or blocked loop delays every request on that pod.', unit: 's', width: 6, queries: [{ expr: `max by (pod) (${selector('nodejs_eventloop_lag_p99_seconds')})`, legend: '{{pod}}' }] }),
    timeSeries({ title: 'CPU', description: 'CPU seconds per second, per pod.', unit: 'short', width: 6, queries: [{ expr: sumRate('process_cpu_seconds_total', byPod), legend: '{{pod}}' }] }),
    timeSeries({ title: 'Resident memory', description: 'Resident set size per pod, against its memory limit.', unit: 'bytes', width: 6, queries: [{ expr: `max by (pod) (${selector('process_resident_memory_bytes')})`, legend: '{{pod}}' }] }),
    timeSeries({
      title: 'JavaScript heap',
      description: 'V8 heap used and its current size, per pod.',
      unit: 'bytes',
      width: 6,
      queries: [
        { expr: `max by (pod) (${selector('nodejs_heap_size_used_bytes')})`, legend: '{{pod}} used' },
        { expr: `max by (pod) (${selector('nodejs_heap_size_total_bytes')})`, legend: '{{pod}} total' },
      ],
    }),
  ],
};

const cacheRequests = 'storefront_response_cache_requests_total';

const caches: Section = {
  title: 'Catalog snapshot and response cache',
  panels: [
    timeSeries({ title: 'Response cache', description: 'Cacheable catalog requests by result: hit (sent without rendering), miss (rendered and kept), bypass (a cart or admin cookie, or no usable snapshot).', unit: 'reqps', width: 6, queries: [{ expr: sumRate(cacheRequests, ['result']), legend: '{{result}}' }] }),
    timeSeries({ title: 'Response cache hit ratio', description: 'Hits among hits and misses; every catalog change starts an empty cache.', unit: 'percentunit', min: 0, max: 1, width: 6, queries: [{ expr: `${sumRate(cacheRequests, [], 'result="hit"')} / ${sumRate(cacheRequests, [], 'result=~"hit|miss"')}`, legend: 'hit ratio' }] }),
    timeSeries({ title: 'Response cache entries', description: 'Rendered responses held by each pod\'s cache (at most 2,000).', unit: 'short', width: 6, queries: [{ expr: `max by (pod) (${selector('storefront_response_cache_entries')})`, legend: '{{pod}}' }] }),
    timeSeries({ title: 'Response cache bytes', description: 'Bytes of rendered responses held by each pod\'s cache (at most 32 MiB).', unit: 'bytes', width: 6, queries: [{ expr: `max by (pod) (${selector('storefront_response_cache_bytes')})`, legend: '{{pod}}' }] }),
    stat({ title: 'Pods serving from the snapshot', description: 'Pods whose catalog snapshot is usable, of all pods; the others read the database (listening connection down, loading).', unit: 'short', width: 8, queries: [{ expr: `sum (${selector('storefront_catalog_snapshot_usable')})`, legend: 'usable' }, { expr: `count (${selector('storefront_catalog_snapshot_usable')})`, legend: 'pods' }] }),
    timeSeries({ title: 'Snapshot loads', description: 'Snapshots installed per second (full loads and patches after catalog changes).', unit: 'ops', width: 8, queries: [{ expr: sumRate('storefront_catalog_snapshot_loads_total', byPod), legend: '{{pod}}' }] }),
    timeSeries({ title: 'Products in the snapshot', description: 'Products held by each pod\'s snapshot (active or not).', unit: 'short', width: 8, queries: [{ expr: `max by (pod) (${selector('storefront_catalog_snapshot_products')})`, legend: '{{pod}}' }] }),
  ],
};

const releases: Section = {
  title: 'Releases',
  panels: [
    table({ title: 'Running releases', description: 'Pods per release (app version, source revision, image digest); more than one row: a rollout under way. Deploys are also marked on every graph.', unit: 'short', width: 24, queries: [{ expr: `count by (version, revision, digest) (${selector('storefront_build_info')})`, legend: '' }] }),
  ],
};

export const sections: readonly Section[] = [traffic, latency, checkout, database, processes, caches, releases];
