import type { Config } from '../config.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type DatabaseSettings = Pick<
  Config,
  'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'DATABASE_PLAN_CACHE_MODE' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'DATABASE_STATEMENT_TIMEOUT_MS' | 'DATABASE_QUERY_TIMEOUT_MS' | 'DATA_DIR'
>;

export interface OpenDatabaseOptions {
  /**
   * Turns the statement and query timeouts off: a migration may rebuild an index for minutes
   * and waits for another migrator's advisory lock, and both are legitimate.
   */
  withoutStatementTimeouts?: boolean;
}

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise (locked to this process). */
export async function openDatabase(config: DatabaseSettings, options: OpenDatabaseOptions = {}): Promise<Database> {
  if (config.DATABASE_URL !== undefined) {
    const unbounded = options.withoutStatementTimeouts === true;
    return openPostgres({
      connectionString: config.DATABASE_URL,
      max: config.DATABASE_POOL_MAX,
      planCacheMode: config.DATABASE_PLAN_CACHE_MODE,
      connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
      statementTimeoutMs: unbounded ? 0 : config.DATABASE_STATEMENT_TIMEOUT_MS,
      queryTimeoutMs: unbounded ? 0 : config.DATABASE_QUERY_TIMEOUT_MS,
    });
  }
  return openPglite({ dataDir: config.DATA_DIR });
}
