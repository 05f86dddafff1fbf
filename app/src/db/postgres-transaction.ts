import type pg from 'pg';
import { classifyDatabaseError, isBrokenConnection } from './unavailable.js';

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

/**
 * One transaction on a client checked out of the pool. While it is checked out the pool no
 * longer listens for the client's 'error' event, so a server restart, failover or network cut
 * would be an unhandled 'error' that kills the process: this listens for the whole checkout.
 * A client whose connection broke (or timed out with a statement still outstanding) is
 * released with the error, so pg-pool discards it instead of lending it to the next request;
 * no ROLLBACK is sent on it, as it would only wait for another timeout, and the server rolls
 * back a transaction whose session ended.
 *
 * A COMMIT whose answer is lost may or may not have committed: the caller sees
 * DatabaseUnavailableError either way, and a retry with the same Idempotency-Key finds out.
 */
export async function runTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw classifyDatabaseError(error);
  }
  let connectionError: Error | undefined;
  const onError = (error: Error): void => {
    connectionError ??= error;
  };
  client.on('error', onError);
  let discardWith: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (connectionError !== undefined || isBrokenConnection(error)) {
      discardWith = asError(error);
    } else {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        discardWith = asError(rollbackError);
      }
    }
    throw classifyDatabaseError(error);
  } finally {
    client.removeListener('error', onError);
    client.release(discardWith ?? connectionError);
  }
}
