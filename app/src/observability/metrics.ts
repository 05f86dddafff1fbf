import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createDatabaseMetrics, type DatabaseMetrics } from './database-metrics.js';
import { createResponseCacheMetrics, type ResponseCacheMetrics } from './response-cache-metrics.js';

// One registry per app instance (tests build many apps in one process); the metrics server
// serves whichever registry the running app owns.
export interface Metrics {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status_code'>;
  ordersCreated: Counter;
  checkoutFailures: Counter<'reason'>;
  catalogSnapshotUsable: Gauge;
  catalogSnapshotLoads: Counter;
  catalogSnapshotProducts: Gauge;
  database: DatabaseMetrics;
  responseCache: ResponseCacheMetrics;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  // The defaults include the event-loop delay (nodejs_eventloop_lag_*, from
  // perf_hooks.monitorEventLoopDelay), heap, GC and CPU.
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration in seconds, by route template and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    ordersCreated: new Counter({
      name: 'storefront_orders_created_total',
      help: 'Orders created by checkout (idempotent retries not counted)',
      registers: [registry],
    }),
    checkoutFailures: new Counter({
      name: 'storefront_checkout_failures_total',
      help: 'Checkouts refused, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    catalogSnapshotUsable: new Gauge({
      name: 'storefront_catalog_snapshot_usable',
      help: '1 while catalog pages are served from the in-memory catalog, 0 while they are read from the database (listening connection down, loading)',
      registers: [registry],
    }),
    catalogSnapshotLoads: new Counter({
      name: 'storefront_catalog_snapshot_loads_total',
      help: 'In-memory catalog snapshots installed (full loads and patches)',
      registers: [registry],
    }),
    catalogSnapshotProducts: new Gauge({
      name: 'storefront_catalog_snapshot_products',
      help: 'Products (active or not) held by the in-memory catalog',
      registers: [registry],
    }),
    database: createDatabaseMetrics(registry),
    responseCache: createResponseCacheMetrics(registry),
  };
}
