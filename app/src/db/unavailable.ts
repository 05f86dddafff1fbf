import { DatabaseUnavailableError } from '../domain/domain-errors.js';

// Which database errors mean "the database cannot serve right now" rather than "this request
// or our SQL is wrong". The first kind becomes DatabaseUnavailableError (503, retry); every
// other error passes through untouched, so constraint violations still reach the domain and
// real bugs still surface as 500s.

/** Socket errors from Node when the server is down, restarting or unreachable. */
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is shutting down, starting up or refusing work:
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up, or a
 * standby during failover), 57014 query_canceled (our statement_timeout fired: the server is
 * stuck behind locks or overloaded), 53300 too_many_connections, 25P03 idle-in-transaction
 * timeout (the server dropped a connection it thought abandoned), 25006 read_only_sql_transaction
 * (mid-failover, the address still leads to a server that is now a standby; the shop never
 * opens read-only transactions itself), 28P01 invalid_password (a rotated database password
 * reaches the role before this pod has restarted with it: the pod cannot serve until then, and
 * readiness must say so). Class 08 (connection exceptions) is matched by prefix.
 */
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '57014', '53300', '25P03', '25006', '28P01']);

/**
 * node-postgres and pg-pool report their own timeouts and dropped connections as plain Errors
 * without a code; these are their messages (node_modules/pg/lib/client.js, pg-pool/index.js).
 */
const driverMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'timeout expired',
];

function isUnavailableOne(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  if (code !== undefined) {
    if (networkCodes.has(code) || unavailableSqlStates.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  }
  const message = error instanceof Error ? error.message : undefined;
  return message !== undefined && driverMessages.some((known) => message.startsWith(known));
}

/** True when `error` (or an error it wraps, e.g. a connect timeout's cause) means the database is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== undefined && current !== null; depth += 1) {
    if (current instanceof DatabaseUnavailableError || isUnavailableOne(current)) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** DatabaseUnavailableError for an unavailability error, the error itself otherwise. */
export function classifyDatabaseError(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  return isDatabaseUnavailable(error) ? new DatabaseUnavailableError(error) : error;
}

/**
 * True when the connection that produced `error` cannot be trusted with another statement:
 * the socket died, the server closed the session, or a client-side timeout left a statement
 * outstanding on it. A statement_timeout (57014) leaves the session usable; a ROLLBACK fixes it.
 */
export function isBrokenConnection(error: unknown): boolean {
  const raw = error instanceof DatabaseUnavailableError ? error.cause : error;
  return isDatabaseUnavailable(raw) && !(typeof raw === 'object' && raw !== null && 'code' in raw && raw.code === '57014');
}
