import { Gauge, Histogram, type Registry } from 'prom-client';
import type { Database, PoolStats, Queryable } from '../db/database.js';

// What an operator asks of the database when the shop is slow: is the pool exhausted (requests
// waiting for a connection) or are the queries themselves slow, and which ones.

export interface DatabaseMetrics {
  queryDuration: Histogram<'operation' | 'outcome'>;
  /** The pool the gauges read on each scrape; unset (PGlite) leaves them out of the exposition. */
  watchPool(stats: () => PoolStats): void;
}

export function createDatabaseMetrics(registry: Registry): DatabaseMetrics {
  let poolStats: (() => PoolStats) | undefined;
  const poolGauge = (name: string, help: string, read: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (poolStats !== undefined) this.set(read(poolStats()));
      },
    });
  poolGauge('storefront_db_pool_max_connections', 'Largest number of PostgreSQL connections the pool opens (DATABASE_POOL_MAX)', (stats) => stats.max);
  poolGauge('storefront_db_pool_connections_in_use', 'PostgreSQL connections lent to a request or transaction', (stats) => stats.inUse);
  poolGauge('storefront_db_pool_connections_idle', 'Open PostgreSQL connections waiting in the pool', (stats) => stats.idle);
  poolGauge('storefront_db_pool_waiting_requests', 'Queries queued for a connection because every one is in use', (stats) => stats.waiting);
  return {
    queryDuration: new Histogram({
      name: 'storefront_db_query_duration_seconds',
      help: 'Database round trip per statement, by operation (statement verb and table) and outcome',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    watchPool(stats) {
      poolStats = stats;
    },
  };
}

// The shop's statements are fixed texts in the code (values always travel as parameters), so
// "verb table" is a stable, bounded label: never the SQL itself, which would be unbounded in a
// dashboard and could carry literals.
function withoutLeadingComments(sql: string): string {
  let rest = sql.trimStart();
  for (;;) {
    const close = rest.startsWith('--') ? '\n' : rest.startsWith('/*') ? '*/' : undefined;
    if (close === undefined) return rest;
    const end = rest.indexOf(close, 2);
    rest = end === -1 ? '' : rest.slice(end + close.length).trimStart();
  }
}

const firstTable = /\b(?:from|into|update|join)\s+("?[a-z_][a-z0-9_]*"?)/i;
const operationNames = new Map<string, string>();

export function operationName(sql: string): string {
  let name = operationNames.get(sql);
  if (name !== undefined) return name;
  const statement = withoutLeadingComments(sql);
  const verb = (/^[a-z]+/i.exec(statement)?.[0] ?? 'statement').toLowerCase();
  const table = firstTable.exec(statement)?.[1]?.replaceAll('"', '').toLowerCase();
  name = table === undefined ? verb : `${verb} ${table}`;
  operationNames.set(sql, name);
  return name;
}

function timed(queryable: Queryable, histogram: DatabaseMetrics['queryDuration']): Queryable {
  return {
    async query<R extends object>(sql: string, params?: readonly unknown[]) {
      const end = histogram.startTimer({ operation: operationName(sql) });
      try {
        const result = await queryable.query<R>(sql, params);
        end({ outcome: 'ok' });
        return result;
      } catch (error) {
        end({ outcome: 'error' });
        throw error;
      }
    },
    exec: queryable.exec,
  };
}

/** The same database, each statement timed and the pool (if any) watched by the metrics. */
export function instrumentDatabase(db: Database, metrics: DatabaseMetrics): Database {
  const poolStats = db.poolStats;
  if (poolStats !== undefined) metrics.watchPool(poolStats);
  const base = timed(db, metrics.queryDuration);
  return {
    kind: db.kind,
    ...(poolStats === undefined ? {} : { poolStats }),
    query: base.query,
    exec: base.exec,
    transaction: (work) => db.transaction((tx) => work(timed(tx, metrics.queryDuration))),
    listen: (channel, handlers) => db.listen(channel, handlers),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}
