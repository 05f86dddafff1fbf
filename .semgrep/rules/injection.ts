import { exec, execSync, spawnSync } from 'node:child_process';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface Db {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}
declare const db: Db;
declare const userCommand: string;
declare const admin: { exec(sql: string): Promise<void> };
declare function placeholders(rows: number, columns: number, casts: string[]): string;

const columns = 'p.id, p.name';

export async function builtQueries(name: string, table: string): Promise<void> {
  // ruleid: sql-built-from-strings
  await db.query(`SELECT * FROM products WHERE name = '${name}'`);
  // ruleid: sql-built-from-strings
  await db.query('SELECT * FROM ' + table);
  // ok: sql-built-from-strings
  await db.query('SELECT * FROM products WHERE name = $1', [name]);
  // ok: sql-built-from-strings
  await db.query(`SELECT ${columns} FROM products p WHERE p.slug = $1`, [name]);
  // ok: sql-built-from-strings
  await db.query(`INSERT INTO vendors (slug, name) VALUES ${placeholders(2, 2, ['', ''])}`, ['a', 'A', 'b', 'B']);
  // ok: child-process-shell-interpolation
  await admin.exec(`CREATE DATABASE ${table}`);
}

export function routes(app: FastifyInstance): void {
  app.get('/search', async (request: FastifyRequest<{ Querystring: { q: string } }>) => {
    const term = request.query.q;
    // ruleid: sql-injection-from-request, sql-built-from-strings
    return db.query(`SELECT * FROM products WHERE name LIKE '%${term}%'`);
  });
  app.get('/search-safe', async (request: FastifyRequest<{ Querystring: { q: string } }>) => {
    // ok: sql-injection-from-request
    return db.query('SELECT * FROM products WHERE name LIKE $1', [`%${request.query.q}%`]);
  });
}

export function commands(file: string): void {
  // ruleid: child-process-non-literal-command
  execSync(userCommand);
  // ruleid: child-process-non-literal-command, child-process-shell-interpolation
  exec(`tar -xf ${file}`);
  // ruleid: child-process-shell-interpolation
  spawnSync('sh', ['-c', `command -v "${file}"`]);
  // ruleid: child-process-shell-interpolation
  spawnSync('git', ['status'], { shell: true });
  // ok: child-process-non-literal-command, child-process-shell-interpolation
  spawnSync('sh', ['-c', 'command -v "$1"', 'sh', file]);
  // ok: child-process-non-literal-command
  spawnSync(process.execPath, ['--version']);
}
