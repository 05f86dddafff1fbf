import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Database, ListenHandlers, PoolStats, QueryResult, Queryable } from './database.js';
import { listenOnPostgres } from './postgres-listener.js';
import { runTransaction } from './postgres-transaction.js';
import { classifyDatabaseError } from './unavailable.js';

// int8 (count(*), sums) and numeric come back as strings by default; the shop's values all
// fit in a double, and both drivers must hand the domain the same JavaScript types.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

// Every statement is prepared once per connection under a name derived from its text, so
// PostgreSQL parses and plans the shop's hot queries once instead of on every request. The
// set of texts is fixed by the code (values always travel as parameters), so it stays small.
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `s${createHash('sha256').update(sql).digest('hex').slice(0, 20)}`;
    statementNames.set(sql, name);
  }
  return name;
}

function wrap(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      try {
        const result = await client.query<R>({ name: statementName(sql), text: sql, values: params as unknown[] });
        return { rows: result.rows, rowCount: result.rowCount ?? 0 };
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
    async exec(sql: string): Promise<void> {
      try {
        await client.query(sql);
      } catch (error) {
        throw classifyDatabaseError(error);
      }
    },
  };
}

/** The modes the config accepts (DATABASE_PLAN_CACHE_MODE); the list lives in its schema. */
export type PlanCacheMode = Config['DATABASE_PLAN_CACHE_MODE'];

export interface PostgresOptions {
  connectionString: string;
  max: number;
  applicationName?: string;
  /**
   * Under PostgreSQL's `auto`, a prepared listing query (LIMIT/OFFSET as parameters) never
   * earns its generic plan: the custom plan always looks cheaper on paper, so the server plans
   * it again on every execution, which cost more CPU than running it (see app/bench/README.md).
   * The shop's statements are short indexed lookups whose best plan does not depend on the
   * values, so the default plans each once per connection. Default: force_generic_plan.
   */
  planCacheMode?: PlanCacheMode;
  /** Opening a connection, or waiting for a free one in the pool (ms). Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Server-side statement_timeout and idle_in_transaction_session_timeout (ms); 0 (the default)
   * turns both off. The shop passes DATABASE_STATEMENT_TIMEOUT_MS; tools and tests that open
   * a pool directly get the server's own defaults.
   */
  statementTimeoutMs?: number;
  /** Client-side limit on one round trip, for a server that stopped answering (ms); 0 (the default) turns it off. */
  queryTimeoutMs?: number;
}

export function openPostgres(options: PostgresOptions): Database {
  const statementTimeoutMs = options.statementTimeoutMs ?? 0;
  const queryTimeoutMs = options.queryTimeoutMs ?? 0;
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    application_name: options.applicationName ?? 'storefront',
    // The idle-in-transaction limit matches the statement limit: the shop's transactions never
    // wait on anything but the database between statements, so a session idle inside one
    // belongs to a process that hung or lost its network, and its row locks (stock!) must not
    // block every other checkout until TCP notices.
    options: [
      `-c plan_cache_mode=${options.planCacheMode ?? 'force_generic_plan'}`,
      `-c statement_timeout=${statementTimeoutMs}`,
      `-c idle_in_transaction_session_timeout=${statementTimeoutMs}`,
    ].join(' '),
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    ...(queryTimeoutMs > 0 ? { query_timeout: queryTimeoutMs } : {}),
    // A connection whose peer vanished without a reset (network cut, failover to another
    // host) is noticed by TCP keepalive instead of when the next query times out.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client can lose its server (failover, restart); without a listener that is an
  // uncaught error that kills the process. The pool drops the client and readiness reports it.
  pool.on('error', () => undefined);
  const base = wrap(pool);
  return {
    kind: 'postgres',
    query: base.query,
    exec: base.exec,
    poolStats: (): PoolStats => ({
      max: options.max,
      inUse: pool.totalCount - pool.idleCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return runTransaction(pool, (client) => work(wrap(client)));
    },
    listen(channel: string, handlers: ListenHandlers) {
      return listenOnPostgres(
        {
          connectionString: options.connectionString,
          channel,
          applicationName: `${options.applicationName ?? 'storefront'}-listen`,
          connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
        },
        handlers,
      );
    },
    async ping(): Promise<void> {
      await base.query('SELECT 1');
    },
    async close(): Promise<void> {
      await pool.end();
    },
  };
}
