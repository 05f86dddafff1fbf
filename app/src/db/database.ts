// The one seam between the shop and its storage. PostgreSQL (pg.Pool) and embedded PGlite both
// sit behind it, so every query is written once, in SQL that both servers run.

export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

export interface Queryable {
  /** A parameterised statement: values travel separately from the SQL text, always. */
  query: <R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]) => Promise<QueryResult<R>>;
  /** Several statements without parameters, for migrations. */
  exec: (sql: string) => Promise<void>;
}

/** Connections of a pool at one instant, for the operator's gauges. */
export interface PoolStats {
  max: number;
  /** Lent to a request or a transaction right now. */
  inUse: number;
  idle: number;
  /** Requests queued for a connection because every one is in use. */
  waiting: number;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** PostgreSQL's pool; PGlite is one in-process connection and has none. */
  poolStats?: () => PoolStats;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Postgres error codes the domain turns into client-facing answers. */
export const pgErrorCodes = {
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}
