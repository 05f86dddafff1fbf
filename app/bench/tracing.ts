// `npm run bench:tracing`: what tracing costs the shop. The catalog page and a checkout on
// PostgreSQL, with the image's tracing preload in three settings: off (no endpoint, what a
// cluster without a collector runs), on at sampling 1.0 and at 0.1 (parentbased_traceidratio,
// http/protobuf to a loopback OTLP endpoint, as the manifests configure), and at 0 (the
// instrumentation's own cost). Prints req/s and p99 of each, each ratio to tracing off, and how
// long each shop took to start (the preload loads before every module of the shop).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrate } from '../src/db/migrate.js';
import { openPostgres } from '../src/db/postgres.js';
import { seedCatalog } from '../src/db/seed/index.js';
import { insertProduct } from '../test/support/fixtures.js';
import { startPostgresCluster, startShopProcess, type ShopProcess } from '../src/harness/index.js';
import { measureCheckouts, type CheckoutLoadResult } from './checkout-load.js';
import { measure, type LoadOptions, type LoadResult } from './load.js';
import { startOtlpSink, type OtlpSink } from './otlp-sink.js';

const benchDir = import.meta.dirname;

const flagsSchema = z.strictObject({
  rounds: z.coerce.number().int().min(1).max(20).default(2).describe('rounds; each measures every setting once, in turn'),
  duration: z.coerce.number().int().min(1).max(120).default(3).describe('measured seconds per endpoint, setting and round'),
  warmup: z.coerce.number().int().min(0).max(30).default(1).describe('warm-up seconds before each measurement'),
  connections: z.coerce.number().int().min(1).max(1000).default(50).describe('concurrent connections on the catalog page'),
  shoppers: z.coerce.number().int().min(1).max(200).default(10).describe('concurrent shoppers checking out'),
});

function readFlags(): z.output<typeof flagsSchema> {
  try {
    const { values } = parseArgs({ options: { rounds: { type: 'string' }, duration: { type: 'string' }, warmup: { type: 'string' }, connections: { type: 'string' }, shoppers: { type: 'string' } }, strict: true });
    const parsed = flagsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) process.stderr.write(`bench:tracing: --${issue.path.join('.')}: ${issue.message}\n`);
  } catch (error) {
    process.stderr.write(`bench:tracing: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.stderr.write('usage: npm run bench:tracing -- [--rounds 2] [--duration 3] [--warmup 1] [--connections 50] [--shoppers 10]\n');
  process.exit(2);
}

interface Setting {
  name: string;
  /** The OTEL_* variables of this setting; none: tracing off. */
  otel: (sink: OtlpSink) => Record<string, string>;
}

const exporting = (ratio: string) => (sink: OtlpSink) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
  OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
  OTEL_TRACES_SAMPLER_ARG: ratio,
});

const settings: Setting[] = [
  { name: 'tracing off', otel: () => ({}) },
  { name: 'sampling 1.0', otel: exporting('1.0') },
  { name: 'sampling 0.1', otel: exporting('0.1') },
  // Instrumented, nothing sampled: what the instrumentation costs without recording or exporting a span.
  { name: 'sampling 0', otel: exporting('0') },
];

interface Row {
  setting: string;
  catalog: LoadResult[];
  checkout: CheckoutLoadResult[];
  exported: { requests: number; bytes: number };
  /** Milliseconds from spawn to ready. */
  readyMs: number;
}

interface Running {
  setting: Setting;
  sink: OtlpSink;
  shop: ShopProcess;
}

async function start(setting: Setting, databaseUrl: string): Promise<Running> {
  const sink = await startOtlpSink();
  // The image's command line: the preload first, which loads the SDK only with an endpoint set.
  const shop = await startShopProcess({ env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...setting.otel(sink) }, nodeArgs: ['--import', './dist/observability/tracing.js'] });
  return { setting, sink, shop };
}

const mean = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : '-');

function format(rows: Row[]): string {
  const figures = rows.map((row) => ({
    row,
    catalogRate: mean(row.catalog.map((result) => result.requestsPerSecond)),
    catalogP99: median(row.catalog.map((result) => result.p99Ms)),
    checkoutRate: mean(row.checkout.map((result) => result.checkoutsPerSecond)),
    checkoutP99: median(row.checkout.map((result) => result.p99Ms)),
  }));
  const off = figures[0];
  const header = '| setting | catalog req/s | catalog p99 ms | ratio | checkouts/s | checkout p99 ms | ratio | OTLP exports (KiB) | start-up ms |';
  const lines = figures.map(({ row, catalogRate, catalogP99, checkoutRate, checkoutP99 }) =>
    `| ${row.setting} | ${catalogRate.toFixed(0)} | ${catalogP99.toFixed(1)} | ${ratio(catalogRate, off?.catalogRate ?? 0)} | ${checkoutRate.toFixed(1)} | ${checkoutP99.toFixed(1)} | ${ratio(checkoutRate, off?.checkoutRate ?? 0)} | ${String(row.exported.requests)} (${(row.exported.bytes / 1024).toFixed(0)}) | ${row.readyMs.toFixed(0)} |`,
  );
  return [header, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...lines].join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags();
  const load: LoadOptions = { connections: flags.connections, warmupSeconds: flags.warmup, durationSeconds: flags.duration };
  const cluster = await startPostgresCluster();
  const rows: Row[] = [];
  try {
    const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
    await admin.exec('CREATE DATABASE bench_tracing');
    await admin.close();
    const db = openPostgres({ connectionString: cluster.url('bench_tracing'), max: 2 });
    await migrate(db);
    await seedCatalog(db);
    // One product in deep stock, so no checkout of any setting runs out of it.
    const sku = (await insertProduct(db, { stock: 100_000_000, priceCents: 4_999 })).sku;
    await db.exec('ANALYZE');
    await db.close();
    // The three shops run side by side and are measured in turn, round after round, so a
    // neighbour's load on a shared machine falls on every setting alike; only the one being
    // measured gets traffic.
    const running: Running[] = [];
    try {
      for (const setting of settings) running.push(await start(setting, cluster.url('bench_tracing')));
      for (const { setting, shop } of running) rows.push({ setting: setting.name, catalog: [], checkout: [], exported: { requests: 0, bytes: 0 }, readyMs: shop.readyMs });
      for (let round = 1; round <= flags.rounds; round += 1) {
        for (const [index, { setting, shop }] of running.entries()) {
          const row = rows[index];
          if (row === undefined) continue;
          process.stderr.write(`bench:tracing: round ${String(round)}/${String(flags.rounds)}: ${setting.name}\n`);
          row.catalog.push(await measure(`${shop.url}/products`, load));
          const label = `${setting.name.replaceAll(' ', '-')}-${String(round)}`;
          if (flags.warmup > 0) await measureCheckouts(shop.url, sku, { workers: flags.shoppers, seconds: flags.warmup, label: `${label}-warmup` });
          row.checkout.push(await measureCheckouts(shop.url, sku, { workers: flags.shoppers, seconds: flags.duration, label }));
        }
      }
    } finally {
      for (const [index, { shop, sink }] of running.entries()) {
        await shop.stop();
        const row = rows[index];
        if (row !== undefined) row.exported = sink.received();
        await sink.close();
      }
    }
  } finally {
    await cluster.stop();
  }
  const failures = rows.reduce((sum, row) => sum + row.catalog.reduce((n, result) => n + result.errors + result.non2xx, 0) + row.checkout.reduce((n, result) => n + result.failures, 0), 0);
  process.stdout.write(`\n${format(rows)}\n\nratio: to tracing off in the same run; ${String(flags.connections)} connections on the catalog page, ${String(flags.shoppers)} shoppers checking out (cart, item, order), ${String(flags.duration)} s each, ${String(flags.rounds)} rounds (req/s: mean of the rounds; p99: their median)\n`);
  const resultsDir = path.join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `tracing-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, flags, rows }, null, 2)}\n`);
  process.stdout.write(`results written to ${path.relative(process.cwd(), file)}\n`);
  const silent = rows.filter((row) => row.setting.startsWith('sampling 0.') || row.setting === 'sampling 1.0').filter((row) => row.exported.requests === 0);
  if (silent.length > 0 || failures > 0) {
    process.stderr.write(`bench:tracing: ${silent.length > 0 ? `no spans exported with ${silent.map((row) => row.setting).join(', ')}; ` : ''}${String(failures)} failed requests\n`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:tracing: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
