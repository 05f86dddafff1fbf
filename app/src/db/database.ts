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

/** What a channel subscriber hears (see Database.listen). */
export interface ListenHandlers {
  /** A notification on the channel; only committed transactions send them. */
  onNotify(payload: string): void;
  /**
   * LISTEN is in place (first time, or again after a loss): whatever was committed before this
   * moment was missed and must be read again; everything after it will be heard.
   */
  onListening(): void;
  /** The listening connection is gone: notifications may be missed until onListening again. */
  onLost(error: Error): void;
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
  /**
   * LISTENs on `channel` over a connection of its own (never one of the request pool's), and
   * keeps reconnecting when it is lost. Resolves to a function that stops listening.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
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
