// `npm run bench`: requests per second and p50/p99 latency of the shop's hot pages on
// PostgreSQL and on PGlite, beside two references measured in the same run, and the cold
// start to ready. Absolute figures swing with how busy the machine is; the ratios to the
// references are what to compare between runs and machines.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { openPostgres } from '../src/db/postgres.js';
import { seedCatalog } from '../src/db/seed/index.js';
import { freePort, startPostgresCluster, startShopProcess, waitForOk } from '../src/harness/index.js';
import { cpuSecondsOf, measure, postgresCpuSeconds, type CpuClock, type LoadOptions, type LoadResult } from './load.js';

const benchDir = import.meta.dirname;
const appDir = path.resolve(benchDir, '..');

const flagsSchema = z.strictObject({
  duration: z.coerce.number().int().min(1).max(300).default(10).describe('measured seconds per endpoint'),
  warmup: z.coerce.number().int().min(0).max(60).default(3).describe('warm-up seconds per endpoint'),
  connections: z.coerce.number().int().min(1).max(1000).default(50),
  only: z.enum(['postgres', 'pglite']).optional().describe('measure one database only'),
  'catalog-size': z.coerce.number().int().min(0).max(100_000).default(10_000).describe('products for the memory measurement on PostgreSQL; 0 skips it'),
});

function readFlags(): z.output<typeof flagsSchema> {
  try {
    const { values } = parseArgs({
      options: { duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, only: { type: 'string' }, 'catalog-size': { type: 'string' } },
      strict: true,
    });
    const parsed = flagsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) process.stderr.write(`bench: --${issue.path.join('.')}: ${issue.message}\n`);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.stderr.write('usage: npm run bench -- [--duration 10] [--warmup 3] [--connections 50] [--only postgres|pglite] [--catalog-size 10000]\n');
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
  /** The endpoint's reference, measured just before it: the ratio's denominator. */
  reference?: LoadResult;
}

/** A reference server, kept running for the whole bench so each endpoint is paired with it. */
interface Reference {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const references: Record<'bare' | 'render' | 'json', Reference | undefined> = { bare: undefined, render: undefined, json: undefined };

/** Pages compare with the render reference, the API (and the JSON reference itself) with the JSON one. */
function comparesWithJson(endpoint: string): boolean {
  return endpoint.includes('API') || endpoint.includes('JSON');
}

/**
 * Measures a shop endpoint right after its reference (pages: the render, the API: the JSON), so
 * that both see the same machine: on two shared cores the load from elsewhere drifts within
 * minutes, and a ratio to a reference measured at the start swung by a quarter between runs.
 */
async function measurePaired(row: Omit<Row, 'result' | 'reference'>, url: string, load: LoadOptions, cpu: Record<string, CpuClock>): Promise<Row> {
  const reference = comparesWithJson(row.endpoint) ? references.json : references.render;
  const paired = reference === undefined ? undefined : await measure(reference.url, load, { server: () => cpuSecondsOf(reference.pid) });
  return { ...row, reference: paired, result: await measure(url, load, cpu) };
}

/** The shop's own CPU and, on PostgreSQL, the database server's. */
function shopCpu(pid: number, postgres: boolean): Record<string, CpuClock> {
  return postgres ? { server: () => cpuSecondsOf(pid), database: postgresCpuSeconds } : { server: () => cpuSecondsOf(pid) };
}

const coldStartsWithoutSnapshot: Record<string, number> = {};

/**
 * The catalog page and the products API with CATALOG_SNAPSHOT=false, in the same run: every
 * request reads PostgreSQL as before the snapshot (plus the ETag's digest), so the difference
 * to the rows above is what the snapshot and its render cache buy.
 */
async function measureWithoutSnapshot(database: Record<string, string>, load: LoadOptions, rows: Row[]): Promise<void> {
  const shop = await startShopProcess({ env: { LOG_LEVEL: 'info', CATALOG_SNAPSHOT: 'false', ...database } });
  try {
    for (const [endpoint, urlPath] of [['catalog page', '/products'], ['products API', '/api/v1/products']] as const) {
      process.stderr.write(`bench: postgres without the snapshot ${endpoint} (${urlPath})\n`);
      rows.push(await measurePaired({ target: 'pg, no snap', endpoint, path: urlPath }, `${shop.url}${urlPath}`, load, shopCpu(shop.pid, true)));
    }
  } finally {
    await shop.stop();
  }
}

/** Resident memory in MB at named moments; printed with the report. */
const memory: Record<string, number> = {};

/** A value of the shop's /metrics, or NaN when it is not there. */
async function metricValue(metricsUrl: string, name: string): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

/** The in-memory catalog loads in the background after readiness; measure once it is in use. */
async function waitForSnapshot(metricsUrl: string, timeoutMs = 60_000): Promise<number> {
  const started = performance.now();
  while ((await metricValue(metricsUrl, 'storefront_catalog_snapshot_usable')) !== 1) {
    if (performance.now() - started > timeoutMs) throw new Error('the catalog snapshot was not in use within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) / 1024;
}

async function measureShop(target: string, database: Record<string, string>, load: LoadOptions, rows: Row[]): Promise<number> {
  const coldMs = await coldStartMs(database);
  // The same start without the in-memory catalog, in the same run: what the snapshot costs at start.
  coldStartsWithoutSnapshot[target] = await coldStartMs({ ...database, CATALOG_SNAPSHOT: 'false' });
  const shop = await startShopProcess({ env: { LOG_LEVEL: 'info', ...database } });
  try {
    await waitForSnapshot(shop.metricsUrl);
    const listing = (await (await fetch(`${shop.url}/api/v1/products?pageSize=1&sort=name`)).json()) as { items: { slug: string; vendor: { slug: string }; category: { slug: string } }[] };
    const first = listing.items[0];
    if (first === undefined) throw new Error(`${target}: the seeded catalog is empty`);
    const endpoints: [string, string][] = [
      ['catalog page', '/products'],
      ['search', '/search?q=gaming+laptop'],
      ['product page', `/products/${first.slug}`],
      ['vendor page', `/vendors/${first.vendor.slug}`],
      ['category page', `/categories/${first.category.slug}`],
      ['products API', '/api/v1/products'],
    ];
    for (const [endpoint, urlPath] of endpoints) {
      process.stderr.write(`bench: ${target} ${endpoint} (${urlPath})\n`);
      rows.push(await measurePaired({ target, endpoint, path: urlPath }, `${shop.url}${urlPath}`, load, shopCpu(shop.pid, target === 'postgres')));
    }
    memory[`${target}, seed catalog, after the load runs`] = rssMb(shop.pid);
  } finally {
    await shop.stop();
  }
  return coldMs;
}

/**
 * The memory bound with a large catalog: the seed catalog copied up to `size` products, the
 * shop's RSS once its snapshot is in, then after thousands of distinct pages filled its
 * render cache, and how long a full reload of that catalog takes.
 */
async function measureLargeCatalog(cluster: { url(database: string): string }, size: number): Promise<Record<string, number>> {
  const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
  await admin.exec('CREATE DATABASE bench_large');
  await admin.close();
  const db = openPostgres({ connectionString: cluster.url('bench_large'), max: 2 });
  await migrate(db);
  await seedCatalog(db);
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM products');
  const seeded = rows[0]?.n ?? 0;
  const copies = Math.ceil(Math.max(0, size - seeded) / Math.max(1, seeded));
  await db.query(
    `INSERT INTO products (sku, slug, name, description, vendor_id, category_id, price_cents, stock, specs, active)
     SELECT left(p.sku, 30) || '-C' || g, left(p.slug, 100) || '-c' || g, left(p.name, 180) || ' (' || g || ')', p.description,
            p.vendor_id, p.category_id, p.price_cents + g, p.stock, p.specs, p.active
     FROM products p CROSS JOIN generate_series(1, $1::int) g ORDER BY g, p.id LIMIT $2`,
    [copies, Math.max(0, size - seeded)],
  );
  await db.exec('ANALYZE');
  const shop = await startShopProcess({ env: { DATABASE_URL: cluster.url('bench_large') } });
  const figures: Record<string, number> = {};
  try {
    figures['first load (ms, after ready)'] = await waitForSnapshot(shop.metricsUrl);
    figures['RSS with the snapshot in (MB)'] = rssMb(shop.pid);
    // Fill the render cache: every listing page in every order, then product pages.
    const urls: string[] = [];
    for (const sort of ['newest', 'price_asc', 'price_desc', 'name']) for (let page = 1; page <= Math.ceil(size / 24); page += 1) urls.push(`/products?sort=${sort}&page=${page}`);
    const products = await db.query<{ slug: string }>('SELECT slug FROM products WHERE active ORDER BY id LIMIT 2000');
    for (const { slug } of products.rows) urls.push(`/products/${slug}`);
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < urls.length) {
        const url = urls[next];
        next += 1;
        await (await fetch(`${shop.url}${url}`)).arrayBuffer();
      }
    }));
    figures['distinct pages requested'] = urls.length;
    figures['RSS after them, render cache full (MB)'] = rssMb(shop.pid);
    const loads = await metricValue(shop.metricsUrl, 'storefront_catalog_snapshot_loads_total');
    const started = performance.now();
    await db.query("UPDATE vendors SET name = name || '' WHERE id = (SELECT min(id) FROM vendors)");
    while ((await metricValue(shop.metricsUrl, 'storefront_catalog_snapshot_loads_total')) === loads) await new Promise((resolve) => setTimeout(resolve, 5));
    figures['full reload after a vendor change (ms)'] = performance.now() - started;
    const patched = await metricValue(shop.metricsUrl, 'storefront_catalog_snapshot_loads_total');
    const patchStarted = performance.now();
    await db.query('UPDATE products SET stock = stock + 1 WHERE id = (SELECT min(id) FROM products)');
    while ((await metricValue(shop.metricsUrl, 'storefront_catalog_snapshot_loads_total')) === patched) await new Promise((resolve) => setTimeout(resolve, 5));
    figures['patch after a stock change (ms)'] = performance.now() - patchStarted;
  } finally {
    await shop.stop();
    await db.close();
  }
  return figures;
}

/** Starts a reference server and measures it once on its own, for the table's reference rows. */
async function startReference(name: string, script: string, urlPath: string, load: LoadOptions, rows: Row[]): Promise<Reference> {
  const port = await freePort();
  const child = startChild([path.join(benchDir, script)], { PORT: String(port) });
  const url = `http://127.0.0.1:${port}${urlPath}`;
  const pid = child.process.pid ?? 0;
  try {
    await waitForOk(url, 30_000);
    process.stderr.write(`bench: reference ${name}\n`);
    rows.push({ target: 'reference', endpoint: name, path: urlPath, result: await measure(url, load, { server: () => cpuSecondsOf(pid) }) });
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { name, url, pid, stop: () => child.stop() };
}

/** The issue's targets: a ratio to the endpoint's reference, a p99 bound, or (PGlite) an absolute floor. */
interface Target {
  ratio: number;
  p99Ms?: number;
  orRequestsPerSecond?: number;
}
const targets: Record<string, Record<string, Target>> = {
  postgres: {
    'catalog page': { ratio: 0.8, p99Ms: 25 },
    'product page': { ratio: 0.8, p99Ms: 25 },
    'vendor page': { ratio: 0.8, p99Ms: 25 },
    'category page': { ratio: 0.8, p99Ms: 25 },
    search: { ratio: 0.5 },
    'products API': { ratio: 0.8 },
  },
  pglite: { 'catalog page': { ratio: 0.2, orRequestsPerSecond: 1_000 } },
};

function describeTarget(target: Target | undefined): string {
  if (target === undefined) return '';
  const parts = [`>=${target.ratio}`];
  if (target.p99Ms !== undefined) parts.push(`p99<${target.p99Ms}`);
  if (target.orRequestsPerSecond !== undefined) parts.push(`or >=${target.orRequestsPerSecond}/s`);
  return parts.join(' ');
}

function meets(target: Target, ratio: number, result: LoadResult): boolean {
  const fast = ratio >= target.ratio || (target.orRequestsPerSecond !== undefined && result.requestsPerSecond >= target.orRequestsPerSecond);
  return fast && (target.p99Ms === undefined || result.p99Ms < target.p99Ms);
}

function format(rows: Row[], coldStarts: Record<string, number>, large: Record<string, number> | undefined): string {
  const rate = (name: string) => rows.find((row) => row.endpoint === name)?.result.requestsPerSecond ?? Number.NaN;
  const bare = rate('bare node:http');
  const micros = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '' : value.toFixed(0));
  const lines = [
    `${'target'.padEnd(11)} ${'endpoint'.padEnd(24)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(6)} ${'p99 ms'.padStart(6)} ${'KB'.padStart(5)} ${'errors'.padStart(6)} ${'cpu µs'.padStart(6)} ${'db µs'.padStart(6)} ${'/bare'.padStart(6)} ${'ref/s'.padStart(7)} ${'/ref'.padStart(6)} ${'ref'.padStart(6)}  ${'target'.padEnd(22)} met`,
  ];
  for (const { target, endpoint, result, reference } of rows) {
    // Pages compare with the render reference, the API with the JSON reference, each measured just before.
    const api = comparesWithJson(endpoint);
    const referenceRate = reference?.requestsPerSecond ?? Number.NaN;
    const ratio = result.requestsPerSecond / referenceRate;
    const goal = targets[target]?.[endpoint];
    lines.push(
      [
        target.padEnd(11),
        endpoint.padEnd(24),
        result.requestsPerSecond.toFixed(0).padStart(7),
        result.p50Ms.toFixed(1).padStart(6),
        result.p99Ms.toFixed(1).padStart(6),
        (result.bytesPerResponse / 1024).toFixed(1).padStart(5),
        String(result.errors + result.non2xx).padStart(6),
        micros(result.cpuMicrosPerRequest.server).padStart(6),
        micros(result.cpuMicrosPerRequest.database).padStart(6),
        (result.requestsPerSecond / bare).toFixed(3).padStart(6),
        (reference === undefined ? '' : referenceRate.toFixed(0)).padStart(7),
        (reference === undefined ? '' : ratio.toFixed(3)).padStart(6),
        (reference === undefined ? '' : api ? 'json' : 'render').padStart(6),
        ` ${describeTarget(goal).padEnd(22)}`,
        goal === undefined ? '' : meets(goal, ratio, result) ? 'yes' : 'NO',
      ].join(' '),
    );
  }
  lines.push('cpu µs, db µs: CPU time of the server process and of PostgreSQL per request; ref/s: the reference measured just before the row.');
  lines.push('');
  for (const [target, ms] of Object.entries(coldStarts)) {
    lines.push(`cold start to ready (${target}): ${ms.toFixed(0)} ms (median of 3); with CATALOG_SNAPSHOT=false ${(coldStartsWithoutSnapshot[target] ?? Number.NaN).toFixed(0)} ms`);
  }
  for (const [moment, mb] of Object.entries(memory)) lines.push(`RSS (${moment}): ${mb.toFixed(0)} MB`);
  if (large !== undefined) for (const [what, value] of Object.entries(large)) lines.push(`large catalog: ${what}: ${value.toFixed(0)}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags();
  const load: LoadOptions = { connections: flags.connections, warmupSeconds: flags.warmup, durationSeconds: flags.duration };
  const rows: Row[] = [];
  const coldStarts: Record<string, number> = {};

  let large: Record<string, number> | undefined;
  try {
    references.bare = await startReference('bare node:http', 'reference-bare.mjs', '/', load, rows);
    references.render = await startReference('in-memory catalog render', 'reference-render.mjs', '/products', load, rows);
    references.json = await startReference('in-memory products JSON', 'reference-json.mjs', '/api/v1/products', load, rows);

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
        await measureWithoutSnapshot({ DATABASE_URL: cluster.url('bench') }, load, rows);
        if (flags['catalog-size'] > 0) {
          process.stderr.write(`bench: postgres memory with ${flags['catalog-size']} products\n`);
          large = { products: flags['catalog-size'], ...(await measureLargeCatalog(cluster, flags['catalog-size'])) };
        }
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
  } finally {
    for (const reference of Object.values(references)) await reference?.stop();
  }

  const report = format(rows, coldStarts, large);
  process.stdout.write(`\n${report}\n`);
  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, load, rows, coldStarts, coldStartsWithoutSnapshot, memory, large }, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
