import type { JSONReport, JSONReportSuite, JSONReportTest } from '@playwright/test/reporter';

// Playwright's JSON report (reporter `json`) as the Markdown QA reads in the job summary and in
// the pull request: totals, a row per project, and each failing or flaky test with its error.

/** Hidden in the rendered comment; finds the one comment to update instead of adding another. */
export const summaryMarker = '<!-- e2e-summary -->';

export interface SummaryContext {
  /** What ran, e.g. "e2e (Playwright)" or "e2e on stage". */
  title: string;
  /** The uploaded HTML report; omitted when the upload failed. */
  reportUrl?: string | undefined;
}

interface TestRow {
  title: string;
  file: string;
  line: number;
  project: string;
  status: JSONReportTest['status'];
  error: string;
}

const maxErrorChars = 600;
const maxListed = 30;

function rows(suites: readonly JSONReportSuite[], parents: readonly string[] = []): TestRow[] {
  return suites.flatMap((suite) => {
    // A file's suite is titled by its path; describe() blocks add their titles.
    const path = suite.title === suite.file ? parents : [...parents, suite.title];
    const own = suite.specs.flatMap((spec) =>
      spec.tests.map((test) => {
        const last = test.results.at(-1);
        const failing = test.status === 'flaky' ? test.results.find((result) => result.status !== 'passed') : last;
        return {
          title: [...path, spec.title].join(' › '),
          file: spec.file,
          line: spec.line,
          project: test.projectName,
          status: test.status,
          error: failing?.error?.message ?? failing?.errors[0]?.message ?? '',
        };
      }),
    );
    return [...own, ...rows(suite.suites ?? [], path)];
  });
}

/** Terminal colour codes and trailing space off; long errors cut, code fences kept intact. */
function cleanError(message: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escapes are control characters by definition
  const plain = message.replace(/\u001b\[[0-9;]*m/g, '').replace(/```/g, "'''").trimEnd();
  return plain.length > maxErrorChars ? `${plain.slice(0, maxErrorChars)}…` : plain;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 ? `${Math.floor(seconds / 60)} min ${seconds % 60} s` : `${seconds} s`;
}

export function summaryMarkdown(report: JSONReport, context: SummaryContext): string {
  const all = rows(report.suites);
  const { expected, unexpected, flaky, skipped } = report.stats;
  const verdict = unexpected > 0 || report.errors.length > 0 ? '❌ failed' : flaky > 0 ? '⚠️ passed with flaky tests' : '✅ passed';
  const projects = [...new Set(all.map((row) => row.project))];
  const count = (project: string, status: TestRow['status']): number => all.filter((row) => row.project === project && row.status === status).length;
  const lines = [
    summaryMarker,
    `### ${context.title}: ${verdict}`,
    '',
    `**${expected} passed, ${unexpected} failed, ${flaky} flaky, ${skipped} skipped** in ${duration(report.stats.duration)}.`,
    context.reportUrl ? `Report with steps, screenshots, traces and axe results: [download the HTML report](${context.reportUrl}) (open it with \`npx playwright show-report <folder>\`).` : 'The HTML report was not uploaded.',
    '',
    '| project | passed | failed | flaky | skipped |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...projects.map((project) => `| ${cell(project)} | ${count(project, 'expected')} | ${count(project, 'unexpected')} | ${count(project, 'flaky')} | ${count(project, 'skipped')} |`),
  ];
  for (const [status, heading] of [['unexpected', 'Failed'], ['flaky', 'Flaky (failed, then passed on retry)']] as const) {
    const listed = all.filter((row) => row.status === status);
    if (listed.length === 0) continue;
    lines.push('', `#### ${heading}`);
    for (const row of listed.slice(0, maxListed)) {
      lines.push('', `- **[${row.project}] ${row.title}** (\`${row.file}:${row.line}\`)`, '', '  ```', ...cleanError(row.error || 'no error message').split('\n').map((text) => `  ${text}`), '  ```');
    }
    if (listed.length > maxListed) lines.push('', `…and ${listed.length - maxListed} more: see the report.`);
  }
  for (const error of report.errors) lines.push('', '#### Error outside any test', '', '```', cleanError(error.message ?? error.value ?? ''), '```');
  return `${lines.join('\n')}\n`;
}
