import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { JSONReport } from '@playwright/test/reporter';
import { upsertSummaryComment } from './github-comment.js';
import { summaryMarkdown } from './markdown.js';

// npm run e2e:summary -- --report e2e/results.json --title "e2e (Playwright)" [--report-url URL]
// Writes the summary to the job summary ($GITHUB_STEP_SUMMARY; stdout elsewhere) and, on a
// pull request with GITHUB_TOKEN set, into the pull request's one summary comment.

function fail(message: string): never {
  process.stderr.write(`e2e:summary: ${message}\n`);
  process.exit(1);
}

function readReport(path: string): JSONReport {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the operator's --report path
  if (!existsSync(path)) fail(`no Playwright JSON report at ${path} (run Playwright with the json reporter, PLAYWRIGHT_JSON_OUTPUT_FILE=${path})`);
  try {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- the operator's --report path
    const report = JSON.parse(readFileSync(path, 'utf8')) as Partial<JSONReport>;
    if (!Array.isArray(report.suites) || typeof report.stats !== 'object') fail(`${path} is not a Playwright JSON report (no suites or stats)`);
    return report as JSONReport;
  } catch (error) {
    return fail(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The pull request's number from the event GitHub Actions ran for, or undefined. */
function pullNumber(): number | undefined {
  const eventPath = process.env.GITHUB_EVENT_PATH;
  if (process.env.GITHUB_EVENT_NAME !== 'pull_request' || eventPath === undefined) return undefined;
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- the event file GitHub Actions names
  const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { pull_request?: { number?: number } };
  return event.pull_request?.number;
}

let values;
try {
  ({ values } = parseArgs({ options: { report: { type: 'string', default: 'e2e/results.json' }, title: { type: 'string', default: 'e2e (Playwright)' }, 'report-url': { type: 'string' } } }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

const markdown = summaryMarkdown(readReport(values.report), { title: values.title, reportUrl: values['report-url'] === '' ? undefined : values['report-url'] });
const stepSummary = process.env.GITHUB_STEP_SUMMARY;
if (stepSummary === undefined || stepSummary === '') process.stdout.write(markdown);
// eslint-disable-next-line security/detect-non-literal-fs-filename -- the job summary file GitHub Actions names
else appendFileSync(stepSummary, markdown);

const number = pullNumber();
const token = process.env.GITHUB_TOKEN;
const repository = process.env.GITHUB_REPOSITORY;
if (number !== undefined && token !== undefined && token !== '' && repository !== undefined) {
  try {
    const done = await upsertSummaryComment({ apiUrl: process.env.GITHUB_API_URL ?? 'https://api.github.com', token, repository, pullNumber: number }, markdown);
    process.stdout.write(`e2e:summary: pull request #${number} comment ${done}\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
