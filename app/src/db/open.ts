import type { Config } from '../config.js';
import type { Database } from './database.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

/** PostgreSQL when DATABASE_URL is set, embedded PGlite in DATA_DIR otherwise. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'DATABASE_POOL_MAX' | 'DATABASE_PLAN_CACHE_MODE' | 'DATA_DIR'>): Promise<Database> {
  if (config.DATABASE_URL !== undefined) {
    return openPostgres({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_MAX, planCacheMode: config.DATABASE_PLAN_CACHE_MODE });
  }
  return openPglite({ dataDir: config.DATA_DIR });
}
