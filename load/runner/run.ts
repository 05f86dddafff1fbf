// `npm run load`: the k6 gate. Without BASE_URL it builds the shop, starts it on a throwaway
// PostgreSQL with the seed catalog, runs k6 with the chosen profile (smoke by default), and
// afterwards reconciles the database with what k6 counted: every successful checkout is one
// order, and the stock went down by exactly the units k6 bought. With BASE_URL it only runs
// k6 against that environment. Exit code 0 only when every threshold and the reconciliation
// hold.
//   npm run load                                   smoke on a local shop
//   npm run load -- --profile spike                another profile (or PROFILE=spike)
//   BASE_URL=https://stage.example.com PROFILE=load npm run load
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { migrate } from '../../app/src/db/migrate.js';
import { openPostgres } from '../../app/src/db/postgres.js';
import type { Database } from '../../app/src/db/database.js';
import { seedCatalog } from '../../app/src/db/seed/index.js';
import { startPostgresCluster, type PostgresCluster } from '../../app/test/support/postgres-cluster.js';
import { startShopProcess, type ShopProcess } from '../../app/test/support/shop-process.js';

const loadDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(loadDir, '..');
const resultsDir = path.join(loadDir, 'results');
const k6Binary = path.join(repoRoot, '.tools', 'bin', 'k6');

const profiles = ['smoke', 'load', 'spike', 'browse', 'verify'] as const;
let k6Process: ChildProcess | undefined;

const settingsSchema = z.strictObject({
  profile: z.enum(profiles, { error: `expected one of ${profiles.join(', ')}` }).default('smoke'),
  baseUrl: z
    .url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL such as https://stage.example.com' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
});
type Settings = z.output<typeof settingsSchema>;

function fatal(message: string): never {
  process.stderr.write(`load: ${message}\n`);
  process.stderr.write('usage: npm run load -- [--profile smoke|load|spike|browse|verify] [--base-url URL]   (or PROFILE=..., BASE_URL=...)\n');
  process.exit(2);
}

/** Flags win over the environment; empty values count as unset, as in the app's config. */
function readSettings(): Settings {
  let values: { profile?: string; 'base-url'?: string };
  try {
    ({ values } = parseArgs({ options: { profile: { type: 'string' }, 'base-url': { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    fatal(error instanceof Error ? error.message : String(error));
  }
  const orUnset = (value: string | undefined) => (value === '' ? undefined : value);
  const parsed = settingsSchema.safeParse({
    profile: orUnset(values.profile ?? process.env.PROFILE),
    baseUrl: orUnset(values['base-url'] ?? process.env.BASE_URL),
  });
  if (!parsed.success) {
    const names: Record<string, string> = { profile: '--profile / PROFILE', baseUrl: '--base-url / BASE_URL' };
    fatal(parsed.error.issues.map((issue) => `${names[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`).join('\n'));
  }
  return parsed.data;
}

function runStep(what: string, command: string, args: string[]): void {
  process.stderr.write(`load: ${what}\n`);
  // nosemgrep: child-process-non-literal-command -- callers pass 'npm' or process.execPath with argument arrays, no shell
  const { status, signal } = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit' });
  if (status !== 0) throw new Error(`${what} failed (${signal ?? `exit code ${status}`})`);
}

function startShop(databaseUrl: string): Promise<ShopProcess> {
  return startShopProcess({ env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' }, output: 'inherit' });
}

// The subset of `k6 run --summary-export` this runner reads.
const metric = z.record(z.string(), z.union([z.number(), z.record(z.string(), z.boolean())]));
const summarySchema = z.object({ metrics: z.record(z.string(), metric) });
type Summary = z.output<typeof summarySchema>;

function value(summary: Summary, name: string, field: string): number {
  const found = summary.metrics[name]?.[field];
  return typeof found === 'number' ? found : 0;
}

function readSummary(file: string): Summary {
  const parsed = summarySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a k6 summary: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

function figures(summary: Summary): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  return [
    `requests ${value(summary, 'http_reqs', 'count')} (${value(summary, 'http_reqs', 'rate').toFixed(1)}/s)`,
    `p95 ${ms(value(summary, 'http_req_duration', 'p(95)'))}`,
    `p99 ${ms(value(summary, 'http_req_duration', 'p(99)'))}`,
    `errors ${(value(summary, 'http_req_failed', 'value') * 100).toFixed(2)}%`,
    `checks ${(value(summary, 'checks', 'value') * 100).toFixed(2)}%`,
    `checkouts ${value(summary, 'checkouts_succeeded', 'count')} (${value(summary, 'checkout_units', 'count')} units, ${value(summary, 'checkout_shipping_cents', 'count')} cents shipping, ${value(summary, 'checkout_replays', 'count')} replays)`,
  ].join(', ');
}

/** Runs k6; resolves with its exit code (99 when a threshold failed). */
async function runK6(settings: Settings, baseUrl: string, files: { summary: string; report: string }): Promise<number> {
  // nosemgrep: child-process-non-literal-command -- k6Binary is the path scripts/tools/k6.mjs installed; arguments are an array, no shell
  const child = spawn(k6Binary, ['run', '--quiet', '--summary-export', files.summary, path.join(loadDir, 'main.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      PROFILE: settings.profile,
      K6_NO_USAGE_REPORT: 'true',
      // The HTML report is the web dashboard's export; port -1 keeps its HTTP server off so
      // parallel runs do not fight over port 5665 and k6 exits when the test ends.
      K6_WEB_DASHBOARD: 'true',
      K6_WEB_DASHBOARD_PORT: '-1',
      K6_WEB_DASHBOARD_EXPORT: files.report,
    },
  });
  k6Process = child;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => { resolve(code ?? (signal ? 128 : 1)); });
  });
}

type StockSnapshot = Map<number, number>;

async function stockSnapshot(db: Database): Promise<StockSnapshot> {
  const { rows } = await db.query<{ id: number; stock: number }>('SELECT id, stock FROM products');
  return new Map(rows.map((row) => [row.id, row.stock]));
}

/** Every mismatch between the database and k6's counters, as readable lines. */
async function reconcile(db: Database, before: StockSnapshot, summary: Summary): Promise<string[]> {
  const problems: string[] = [];
  const checkouts = value(summary, 'checkouts_succeeded', 'count');
  const units = value(summary, 'checkout_units', 'count');

  const shippingCents = value(summary, 'checkout_shipping_cents', 'count');

  const orders = await db.query<{ orders: number; units: number }>(
    'SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(i.quantity), 0)::int AS units FROM orders o LEFT JOIN order_items i ON i.order_id = o.id',
  );
  const counted = orders.rows[0] ?? { orders: 0, units: 0 };
  if (counted.orders !== checkouts) problems.push(`orders in the database: ${counted.orders}, successful checkouts counted by k6: ${checkouts}`);
  // Shipping is charged from the database in the order's transaction; what the orders hold
  // must add up to what k6 saw charged.
  const shipping = await db.query<{ cents: number }>('SELECT coalesce(sum(shipping_cents), 0)::int AS cents FROM orders');
  const storedShipping = shipping.rows[0]?.cents ?? 0;
  if (storedShipping !== shippingCents) problems.push(`shipping charged on orders in the database: ${storedShipping} cents, shipping k6 saw charged: ${shippingCents} cents`);
  if (counted.units !== units) problems.push(`units on order lines: ${counted.units}, units k6 bought: ${units}`);

  const after = await stockSnapshot(db);
  const sold = await db.query<{ product_id: number; quantity: number }>('SELECT product_id, sum(quantity)::int AS quantity FROM order_items GROUP BY product_id');
  const soldByProduct = new Map(sold.rows.map((row) => [row.product_id, row.quantity]));
  let taken = 0;
  for (const [id, stockBefore] of before) {
    const decrement = stockBefore - (after.get(id) ?? Number.NaN);
    taken += decrement;
    const expected = soldByProduct.get(id) ?? 0;
    if (decrement !== expected) problems.push(`product ${id}: stock went from ${stockBefore} to ${after.get(id)}, but its order lines hold ${expected}`);
  }
  if (taken !== units) problems.push(`stock taken across the catalog: ${taken}, units k6 bought: ${units}`);
  return problems;
}

async function main(): Promise<number> {
  const settings = readSettings();
  runStep('ensuring k6', process.execPath, [path.join(repoRoot, 'scripts', 'install-tools.mjs'), 'k6', ...(settings.baseUrl ? [] : ['postgresql'])]);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const files = {
    summary: path.join(resultsDir, `${settings.profile}-summary.json`),
    report: path.join(resultsDir, `${settings.profile}-report.html`),
    markdown: path.join(resultsDir, `${settings.profile}-summary.md`),
  };

  if (settings.baseUrl !== undefined) {
    process.stderr.write(`load: ${settings.profile} profile against ${settings.baseUrl} (no database reconciliation)\n`);
    const code = await runK6(settings, settings.baseUrl, files);
    return report(settings.profile, code, files, []);
  }

  runStep('building the app', 'npm', ['run', 'build', '--workspace', 'app']);
  const cleanups: (() => Promise<void>)[] = [];
  try {
    process.stderr.write('load: starting PostgreSQL, migrating and seeding\n');
    const cluster: PostgresCluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const admin = openPostgres({ connectionString: cluster.url('postgres'), max: 1 });
    await admin.exec('CREATE DATABASE shop');
    await admin.close();
    const db = openPostgres({ connectionString: cluster.url('shop'), max: 2 });
    cleanups.push(() => db.close());
    await migrate(db);
    await seedCatalog(db);
    await db.exec('ANALYZE');
    const before = await stockSnapshot(db);

    const shop = await startShop(cluster.url('shop'));
    cleanups.push(() => shop.stop());
    process.stderr.write(`load: ${settings.profile} profile against the local shop at ${shop.url}\n`);
    const code = await runK6(settings, shop.url, files);
    // Stop the shop before counting so no request still in flight can change the numbers.
    await shop.stop();

    let problems: string[] = [];
    try {
      problems = await reconcile(db, before, readSummary(files.summary));
    } catch (error) {
      problems = [`could not reconcile: ${error instanceof Error ? error.message : String(error)}`];
    }
    return report(settings.profile, code, files, problems, true);
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`load: cleanup: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
  }
}

/** The run as Markdown: headline figures, every threshold, the reconciliation. */
function markdown(profile: string, passed: boolean, summary: Summary | undefined, problems: string[], reconciled: boolean): string {
  const lines = [`### k6 ${profile}: ${passed ? 'passed' : 'FAILED'}`, ''];
  if (summary) {
    lines.push(figures(summary), '', '| metric | threshold | value | result |', '| --- | --- | --- | --- |');
    for (const [name, fields] of Object.entries(summary.metrics).sort(([a], [b]) => a.localeCompare(b))) {
      const thresholds = fields.thresholds;
      if (typeof thresholds !== 'object') continue;
      for (const [expression, crossed] of Object.entries(thresholds).sort(([a], [b]) => a.localeCompare(b))) {
        const stat = /^(p\(\d+\)|rate|count|avg|med|min|max)/.exec(expression)?.[1] ?? '';
        const field = stat === 'rate' ? 'value' : stat;
        const raw = value(summary, name, field);
        const shown = stat === 'rate' ? `${(raw * 100).toFixed(2)}%` : stat === 'count' ? String(raw) : `${raw.toFixed(1)} ms`;
        lines.push(`| \`${name}\` | \`${expression}\` | ${shown} | ${crossed ? 'FAILED' : 'ok'} |`);
      }
    }
  }
  if (problems.length > 0) lines.push('', 'Database does not match what k6 counted:', ...problems.map((problem) => `- ${problem}`));
  else if (reconciled) lines.push('', 'Database reconciled: orders, shipping charged and stock match the checkouts k6 counted.');
  return `${lines.join('\n')}\n`;
}

function report(profile: string, k6Code: number, files: { summary: string; report: string; markdown: string }, problems: string[], reconciled = false): number {
  const relative = (file: string) => path.relative(process.cwd(), file);
  let summary: Summary | undefined;
  try {
    summary = readSummary(files.summary);
  } catch {
    // k6 failed before writing a summary (setup failed, bad script); its own output says why.
  }
  if (summary) process.stdout.write(`\nload: ${figures(summary)}\nload: results in ${relative(files.summary)}, ${relative(files.report)} and ${relative(files.markdown)}\n`);
  if (k6Code !== 0) process.stderr.write(`load: FAILED: k6 exited with code ${k6Code}${k6Code === 99 ? ' (a threshold of the SLO failed, see above)' : ''}\n`);
  if (problems.length > 0) {
    process.stderr.write('load: FAILED: the database does not match what k6 counted:\n');
    for (const problem of problems) process.stderr.write(`  - ${problem}\n`);
  } else if (reconciled) {
    process.stdout.write('load: database reconciled: orders, shipping charged and stock match the checkouts k6 counted\n');
  }
  const passed = k6Code === 0 && problems.length === 0;
  const text = markdown(profile, passed, summary, problems, reconciled);
  writeFileSync(files.markdown, text);
  // In GitHub Actions the same table lands in the job summary.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, text);
  return passed ? 0 : 1;
}

// A signal stops k6 (which ends its test early and still writes the summary); its exit then
// lets the cleanups run instead of leaving the shop and PostgreSQL behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`load: ${signal}, stopping\n`);
    if (k6Process?.exitCode === null) k6Process.kill(signal);
  });
}

main().then(
  (code) => { process.exit(code); },
  (error: unknown) => {
    process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
