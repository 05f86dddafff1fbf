import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import type { Database, ListenHandlers, QueryResult, Queryable } from './database.js';

// Same JavaScript types as the pg driver (see postgres.ts).
const parsers = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => Number(value),
};

function wrap(client: PGlite | Transaction): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const result = await client.query<R>(sql, params as unknown[], { parsers });
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await client.exec(sql);
    },
  };
}

export interface PgliteOptions {
  /**
   * Folder that holds the database; created when missing, and locked to this process until
   * close() (DataDirInUseError when another process holds it). Omit for an in-memory database.
   */
  dataDir?: string;
  /** A tarball from `dumpDataDir()`, to start from a prepared database (tests). */
  loadDataDir?: Blob | File;
}

export async function openPglite(options: PgliteOptions): Promise<Database & { pglite: PGlite }> {
  let dataDir: string | undefined;
  let lock: DataDirLock | undefined;
  if (options.dataDir !== undefined) {
    dataDir = path.resolve(options.dataDir);
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- DATA_DIR from the operator's config
    await mkdir(dataDir, { recursive: true });
    // Before PGlite touches a file: a second process must stop here, not after writing.
    lock = await lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(options.loadDataDir === undefined ? {} : { loadDataDir: options.loadDataDir }),
    });
  } catch (error) {
    await lock?.release();
    throw error;
  }
  const base = wrap(pglite);
  return {
    kind: 'pglite',
    pglite,
    query: base.query,
    exec: base.exec,
    // PGlite is one connection: its transaction() holds an exclusive lock, so concurrent
    // requests queue here exactly as they would on a row lock in PostgreSQL.
    transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      return pglite.transaction((tx) => work(wrap(tx)));
    },
    // PGlite is this process's own database: its one connection cannot be lost, and a
    // notification is delivered after the transaction that sent it commits.
    async listen(channel: string, handlers: ListenHandlers) {
      const unsubscribe = await pglite.listen(channel, (payload) => { handlers.onNotify(payload); });
      handlers.onListening();
      return unsubscribe;
    },
    async ping(): Promise<void> {
      await pglite.query('SELECT 1');
    },
    async close(): Promise<void> {
      if (!pglite.closed) await pglite.close();
      await lock?.release();
    },
  };
}
