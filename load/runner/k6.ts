import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// k6 itself: running load/main.ts against a shop, and reading back the summary it exports.

const loadDir = path.resolve(import.meta.dirname, '..');
const repoRoot = path.resolve(loadDir, '..');
const k6Binary = path.join(repoRoot, '.tools', 'bin', 'k6');

export interface RunFiles {
  summary: string;
  report: string;
  markdown: string;
}

// The subset of `k6 run --summary-export` this runner reads.
const metric = z.record(z.string(), z.union([z.number(), z.record(z.string(), z.boolean())]));
const summarySchema = z.object({ metrics: z.record(z.string(), metric) });
export type Summary = z.output<typeof summarySchema>;

/** A number of the summary (0 when k6 did not record it: a counter never incremented). */
export function value(summary: Summary, name: string, field: string): number {
  const found = summary.metrics[name]?.[field];
  return typeof found === 'number' ? found : 0;
}

export function readSummary(file: string): Summary {
  const parsed = summarySchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a k6 summary: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

let running: ChildProcess | undefined;

/** Passes a signal on to a running k6, which ends its test early and still writes the summary. */
export function stopK6(signal: NodeJS.Signals): void {
  if (running?.exitCode === null) running.kill(signal);
}

/** Runs k6; resolves with its exit code (99 when a threshold failed). */
export async function runK6(profile: string, baseUrl: string, files: RunFiles): Promise<number> {
  // nosemgrep: child-process-non-literal-command -- k6Binary is the path scripts/tools/k6.mjs installed; arguments are an array, no shell
  const child = spawn(k6Binary, ['run', '--quiet', '--summary-export', files.summary, path.join(loadDir, 'main.ts')], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: {
      ...process.env,
      BASE_URL: baseUrl,
      PROFILE: profile,
      K6_NO_USAGE_REPORT: 'true',
      // The HTML report is the web dashboard's export; port -1 keeps its HTTP server off so
      // parallel runs do not fight over port 5665 and k6 exits when the test ends.
      K6_WEB_DASHBOARD: 'true',
      K6_WEB_DASHBOARD_PORT: '-1',
      K6_WEB_DASHBOARD_EXPORT: files.report,
    },
  });
  running = child;
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => { resolve(code ?? (signal ? 128 : 1)); });
  });
}
