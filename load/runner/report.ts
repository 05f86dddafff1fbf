import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSummary, value, type RunFiles, type Summary } from './k6.js';

// What a run tells: headline figures and the outcome on the terminal, the same with every
// threshold as Markdown (a file, and the job summary in GitHub Actions), and the exit code.

/** Whether the shop's records were checked against k6's counters, and what did not match. */
export type Reconciliation = { checked: false } | { checked: true; problems: string[] };

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

const matched = "The shop's records reconciled: orders, shipping charged and stock match the checkouts k6 counted.";

/** The run as Markdown: headline figures, every threshold, the reconciliation. */
function markdown(profile: string, passed: boolean, summary: Summary | undefined, reconciliation: Reconciliation): string {
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
  if (reconciliation.checked && reconciliation.problems.length > 0) {
    lines.push('', "The shop's records do not match what k6 counted:", ...reconciliation.problems.map((problem) => `- ${problem}`));
  } else if (reconciliation.checked) {
    lines.push('', matched);
  }
  return `${lines.join('\n')}\n`;
}

/** Prints and writes the outcome; returns the runner's exit code (0 only when k6 and the reconciliation passed). */
export function report(profile: string, k6Code: number, files: RunFiles, reconciliation: Reconciliation): number {
  const relative = (file: string) => path.relative(process.cwd(), file);
  let summary: Summary | undefined;
  try {
    summary = readSummary(files.summary);
  } catch {
    // k6 failed before writing a summary (setup failed, bad script); its own output says why.
  }
  if (summary) process.stdout.write(`\nload: ${figures(summary)}\nload: results in ${relative(files.summary)}, ${relative(files.report)} and ${relative(files.markdown)}\n`);
  if (k6Code !== 0) process.stderr.write(`load: FAILED: k6 exited with code ${k6Code}${k6Code === 99 ? ' (a threshold of the SLO failed, see above)' : ''}\n`);
  const problems = reconciliation.checked ? reconciliation.problems : [];
  if (problems.length > 0) {
    process.stderr.write("load: FAILED: the shop's records do not match what k6 counted:\n");
    for (const problem of problems) process.stderr.write(`  - ${problem}\n`);
  } else if (reconciliation.checked) {
    process.stdout.write(`load: ${matched}\n`);
  }
  const passed = k6Code === 0 && problems.length === 0;
  const text = markdown(profile, passed, summary, reconciliation);
  writeFileSync(files.markdown, text);
  // In GitHub Actions the same table lands in the job summary.
  const stepSummary = process.env.GITHUB_STEP_SUMMARY;
  if (stepSummary !== undefined && stepSummary !== '') appendFileSync(stepSummary, text);
  return passed ? 0 : 1;
}
