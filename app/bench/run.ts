// `npm run bench`: requests per second and p50/p99 latency of the shop's hot pages on
// PostgreSQL and on PGlite, beside two references measured in the same run, and the cold
// start to ready. Absolute figures swing with how busy the machine is; the ratios to the
// references are what to compare between runs and machines.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { seedCatalog } from '../src/db/seed/index.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { freePort, waitForOk } from '../test/support/server-process.js';
import { startShopProcess } from '../test/support/shop-process.js';
import { measure, type LoadOptions, type LoadResult } from './load.js';

const benchDir = import.meta.dirname;
const appDir = path.resolve(benchDir, '..');

const flagsSchema = z.strictObject({
  duration: z.coerce.number().int().min(1).max(300).default(10).describe('measured seconds per endpoint'),
  warmup: z.coerce.number().int().min(0).max(60).default(3).describe('warm-up seconds per endpoint'),
  connections: z.coerce.number().int().min(1).max(1000).default(50),
  only: z.enum(['postgres', 'pglite']).optional().describe('measure one database only'),
});

function readFlags(): z.output<typeof flagsSchema> {
  try {
    const { values } = parseArgs({
      options: { duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, only: { type: 'string' } },
      strict: true,
    });
    const parsed = flagsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) process.stderr.write(`bench: --${issue.path.join('.')}: ${issue.message}\n`);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.stderr.write('usage: npm run bench -- [--duration 10] [--warmup 3] [--connections 50] [--only postgres|pglite]\n');
  process.exit(2);
}

interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

function startChild(args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, args, { cwd: appDir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  return {
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function coldStartMs(database: Record<string, string>, runs = 3): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const shop = await startShopProcess({ env: database });
    times.push(shop.readyMs);
    await shop.stop();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

interface Row {
  target: string;
  endpoint: string;
  path: string;
  result: LoadResult;
}

async function measureShop(target: string, database: Record<string, string>, load: LoadOptions, rows: Row[]): Promise<number> {
  const coldMs = await coldStartMs(database);
  const shop = await startShopProcess({ env: { LOG_LEVEL: 'info', ...database } });
  try {
    const listing = (await (await fetch(`${shop.url}/api/v1/products?pageSize=1&sort=name`)).json()) as { items: { slug: string }[] };
    const slug = listing.items[0]?.slug;
    if (slug === undefined) throw new Error(`${target}: the seeded catalog is empty`);
    const endpoints: [string, string][] = [
      ['catalog page', '/products'],
      ['search', '/search?q=gaming+laptop'],
      ['product page', `/products/${slug}`],
      ['products API', '/api/v1/products'],
    ];
    for (const [endpoint, urlPath] of endpoints) {
      process.stderr.write(`bench: ${target} ${endpoint} (${urlPath})\n`);
      rows.push({ target, endpoint, path: urlPath, result: await measure(`${shop.url}${urlPath}`, load) });
    }
  } finally {
    await shop.stop();
  }
  return coldMs;
}

async function measureReference(name: string, script: string, urlPath: string, load: LoadOptions, rows: Row[]): Promise<void> {
  const port = await freePort();
  const child = startChild([path.join(benchDir, script)], { PORT: String(port) });
  try {
    await waitForOk(`http://127.0.0.1:${port}${urlPath}`, 30_000);
    process.stderr.write(`bench: reference ${name}\n`);
    rows.push({ target: 'reference', endpoint: name, path: urlPath, result: await measure(`http://127.0.0.1:${port}${urlPath}`, load) });
  } finally {
    await child.stop();
  }
}

function format(rows: Row[], coldStarts: Record<string, number>): string {
  const bare = rows.find((row) => row.endpoint === 'bare node:http')?.result.requestsPerSecond ?? Number.NaN;
  const render = rows.find((row) => row.endpoint === 'in-memory catalog render')?.result.requestsPerSecond ?? Number.NaN;
  const lines = [
    `${'target'.padEnd(10)} ${'endpoint'.padEnd(26)} ${'req/s'.padStart(9)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'KB'.padStart(5)} ${'errors'.padStart(7)} ${'/render'.padStart(8)} ${'/bare'.padStart(6)}`,
  ];
  for (const { target, endpoint, result } of rows) {
    lines.push(
      `${target.padEnd(10)} ${endpoint.padEnd(26)} ${result.requestsPerSecond.toFixed(0).padStart(9)} ${result.p50Ms.toFixed(1).padStart(7)} ${result.p99Ms.toFixed(1).padStart(7)} ${(result.bytesPerResponse / 1024).toFixed(1).padStart(5)} ${String(result.errors + result.non2xx).padStart(7)} ${(result.requestsPerSecond / render).toFixed(3).padStart(8)} ${(result.requestsPerSecond / bare).toFixed(3).padStart(6)}`,
    );
  }
  lines.push('');
  for (const [target, ms] of Object.entries(coldStarts)) lines.push(`cold start to ready (${target}): ${ms.toFixed(0)} ms (median of 3)`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags();
  const load: LoadOptions = { connections: flags.connections, warmupSeconds: flags.warmup, durationSeconds: flags.duration };
  const rows: Row[] = [];
  const coldStarts: Record<string, number> = {};

  await measureReference('bare node:http', 'reference-bare.mjs', '/', load, rows);
  await measureReference('in-memory catalog render', 'reference-render.mjs', '/products', load, rows);

  if (flags.only !== 'pglite') {
    const cluster = await startPostgresCluster();
    try {
      const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
      await admin.exec('CREATE DATABASE bench');
      await admin.close();
      const db = openPostgres({ connectionString: cluster.url('bench'), max: 2 });
      await migrate(db);
      await seedCatalog(db);
      await db.exec('ANALYZE');
      await db.close();
      coldStarts.postgres = await measureShop('postgres', { DATABASE_URL: cluster.url('bench') }, load, rows);
    } finally {
      await cluster.stop();
    }
  }

  if (flags.only !== 'postgres') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'storefront-bench-'));
    try {
      const db = await openPglite({ dataDir });
      await migrate(db);
      await seedCatalog(db);
      await db.close();
      coldStarts.pglite = await measureShop('pglite', { DATA_DIR: dataDir }, load, rows);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const report = format(rows, coldStarts);
  process.stdout.write(`\n${report}\n`);
  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, load, rows, coldStarts }, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
