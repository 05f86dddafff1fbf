// `npm run load`: the k6 gate. Without BASE_URL it builds the shop and starts it through the
// app's harness on a throwaway PostgreSQL, migrated and seeded by the app's own commands; runs
// k6 with the chosen profile (smoke by default); and afterwards reconciles the shop's records,
// read through its admin API, with what k6 counted: every successful checkout is one order,
// and the stock went down by exactly the units k6 bought. With BASE_URL it runs k6 against that
// environment, and reconciles the same way when LOAD_ADMIN_PASSWORD is set. Exit code 0 only
// when every threshold and the reconciliation hold.
//   npm run load                                   smoke on a local shop
//   npm run load -- --profile spike                another profile (or PROFILE=spike)
//   BASE_URL=https://stage.example.com PROFILE=load npm run load
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { readSummary, runK6, stopK6, type RunFiles } from './k6.js';
import { adminReader, baseline, reconcile, type Baseline } from './reconciliation.js';
import { report, type Reconciliation } from './report.js';
import { readSettings, type Settings } from './settings.js';

const loadDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(loadDir, '..');
const resultsDir = path.join(loadDir, 'results');

function runStep(what: string, command: string, args: string[], env: Record<string, string> = {}): void {
  process.stderr.write(`load: ${what}\n`);
  // nosemgrep: child-process-non-literal-command -- callers pass 'npm' or process.execPath with argument arrays, no shell
  const { status, signal } = spawnSync(command, args, { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) throw new Error(`${what} failed (${signal ?? `exit code ${status}`})`);
}

async function reconcileWith(baseUrl: string, password: string, before: Baseline, files: RunFiles): Promise<Reconciliation> {
  try {
    return { checked: true, problems: await reconcile(await adminReader(baseUrl, password), before, readSummary(files.summary)) };
  } catch (error) {
    return { checked: true, problems: [`could not reconcile: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

async function againstDeployment(settings: Settings, baseUrl: string, files: RunFiles): Promise<number> {
  const login = settings.adminPassword;
  if (login === undefined) {
    process.stderr.write(`load: ${settings.profile} profile against ${baseUrl} (no reconciliation: LOAD_ADMIN_PASSWORD is unset)\n`);
    return report(settings.profile, await runK6(settings.profile, baseUrl, files), files, { checked: false });
  }
  process.stderr.write(`load: ${settings.profile} profile against ${baseUrl}, reconciled through its admin API afterwards\n`);
  const before = await baseline(await adminReader(baseUrl, login));
  const code = await runK6(settings.profile, baseUrl, files);
  return report(settings.profile, code, files, await reconcileWith(baseUrl, login, before, files));
}

async function againstLocalShop(settings: Settings, files: RunFiles): Promise<number> {
  runStep('building the app', 'npm', ['run', 'build', '--workspace', 'app']);
  // The harness is compiled with the app: import it once the build exists.
  const { startPostgresCluster, startShopProcess } = await import('@storefront/app/harness');
  const cleanups: (() => Promise<void>)[] = [];
  try {
    process.stderr.write('load: starting PostgreSQL\n');
    const cluster = await startPostgresCluster();
    cleanups.push(() => cluster.stop());
    const database = { DATABASE_URL: cluster.url('postgres') };
    runStep('migrating (npm run migrate --workspace app)', 'npm', ['run', 'migrate', '--workspace', 'app'], database);
    runStep('seeding (npm run seed --workspace app)', 'npm', ['run', 'seed', '--workspace', 'app'], database);
    const startShop = async () => {
      const shop = await startShopProcess({ env: { ...database, LOG_LEVEL: 'warn' }, output: 'inherit' });
      cleanups.push(() => shop.stop());
      if (shop.adminPassword === undefined) throw new Error('the harness made up no admin password for the shop');
      return { url: shop.url, adminPassword: shop.adminPassword, stop: shop.stop };
    };

    const shop = await startShop();
    const before = await baseline(await adminReader(shop.url, shop.adminPassword));
    process.stderr.write(`load: ${settings.profile} profile against the local shop at ${shop.url}\n`);
    const code = await runK6(settings.profile, shop.url, files);
    // Stop the shop (it finishes what is in flight) and count through a fresh one on the same
    // database, so no request k6 abandoned at its end can change the numbers meanwhile.
    await shop.stop();
    const counter = await startShop();
    return report(settings.profile, code, files, await reconcileWith(counter.url, counter.adminPassword, before, files));
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

async function main(): Promise<number> {
  const settings = readSettings();
  runStep('ensuring k6', process.execPath, [path.join(repoRoot, 'scripts', 'install-tools.mjs'), 'k6', ...(settings.baseUrl ? [] : ['postgresql'])]);
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const files: RunFiles = {
    summary: path.join(resultsDir, `${settings.profile}-summary.json`),
    report: path.join(resultsDir, `${settings.profile}-report.html`),
    markdown: path.join(resultsDir, `${settings.profile}-summary.md`),
  };
  return settings.baseUrl === undefined ? againstLocalShop(settings, files) : againstDeployment(settings, settings.baseUrl, files);
}

// A signal stops k6 (which ends its test early and still writes the summary); its exit then
// lets the cleanups run instead of leaving the shop and PostgreSQL behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    process.stderr.write(`load: ${signal}, stopping\n`);
    stopK6(signal);
  });
}

main().then(
  (code) => { process.exit(code); },
  (error: unknown) => {
    process.stderr.write(`load: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
