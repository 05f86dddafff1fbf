import type { JSONReport, JSONReportTest } from '@playwright/test/reporter';
import { describe, expect, it } from 'vitest';
import { summaryMarker, summaryMarkdown } from './markdown.js';

// A report shaped as Playwright's json reporter writes it, with one test per outcome.
function test(projectName: string, status: JSONReportTest['status'], errors: string[] = []): JSONReportTest {
  const results = (errors.length > 0 ? errors : [undefined]).map((message, retry) => ({
    workerIndex: 0, parallelIndex: 0, duration: 100, retry, startTime: '2026-12-01T06:00:00.000Z', stdout: [], stderr: [], attachments: [], annotations: [],
    status: message === undefined ? ('passed' as const) : ('failed' as const),
    error: message === undefined ? undefined : { message },
    errors: message === undefined ? [] : [{ message }],
  }));
  const [first] = results;
  if (status === 'flaky' && first !== undefined) results.push({ ...first, retry: 1, status: 'passed', error: undefined, errors: [] });
  return { timeout: 30_000, annotations: [], expectedStatus: 'passed', projectName, projectId: projectName, results, status };
}

function report(): JSONReport {
  const spec = (title: string, line: number, tests: JSONReportTest[]) => ({ title, line, tests, tags: ['@cart'], ok: true, id: title, file: 'cart/add.spec.ts', column: 1 });
  return {
    config: {} as JSONReport['config'],
    errors: [],
    stats: { startTime: '2026-12-01T06:00:00.000Z', duration: 125_000, expected: 3, unexpected: 1, flaky: 1, skipped: 0 },
    suites: [{
      title: 'cart/add.spec.ts', file: 'cart/add.spec.ts', line: 0, column: 0,
      specs: [
        spec('a customer adds a product', 3, [test('desktop', 'expected'), test('pixel-7', 'unexpected', ['\u001b[31mexpect(locator).toHaveText(expected)\u001b[39m\n\nExpected: "Cart 2 items" | got ```x```'])]),
        spec('a voucher applies', 20, [test('desktop', 'expected'), test('pixel-7', 'flaky', ['Timeout 10000ms exceeded']), test('iphone-13', 'expected')]),
      ],
    }],
  };
}

describe('the e2e summary in Markdown', () => {
  const markdown = summaryMarkdown(report(), { title: 'e2e (Playwright)', reportUrl: 'https://github.com/o/r/actions/runs/1/artifacts/2' });

  it('starts with the marker and states the totals and the verdict', () => {
    expect(markdown.startsWith(`${summaryMarker}\n### e2e (Playwright): ❌ failed\n`)).toBe(true);
    expect(markdown).toContain('**3 passed, 1 failed, 1 flaky, 0 skipped** in 2 min 5 s.');
    expect(markdown).toContain('[download the HTML report](https://github.com/o/r/actions/runs/1/artifacts/2)');
  });

  it('counts each project on its own row', () => {
    expect(markdown).toContain('| desktop | 2 | 0 | 0 | 0 |');
    expect(markdown).toContain('| pixel-7 | 0 | 1 | 1 | 0 |');
    expect(markdown).toContain('| iphone-13 | 1 | 0 | 0 | 0 |');
  });

  it('lists the failing and flaky tests with their errors, without terminal colours or broken fences', () => {
    const failed = markdown.slice(markdown.indexOf('#### Failed'), markdown.indexOf('#### Flaky'));
    expect(failed).toContain('- **[pixel-7] a customer adds a product** (`cart/add.spec.ts:3`)');
    expect(failed).toContain('  expect(locator).toHaveText(expected)');
    expect(failed).toContain(`Expected: "Cart 2 items" | got '''x'''`);
    expect(failed).not.toContain('\u001b');
    expect(markdown.slice(markdown.indexOf('#### Flaky'))).toContain('- **[pixel-7] a voucher applies** (`cart/add.spec.ts:20`)');
    expect(markdown).toContain('  Timeout 10000ms exceeded');
  });

  it('says passed when nothing failed, and says so when the report was not uploaded', () => {
    const passing = report();
    passing.stats = { ...passing.stats, unexpected: 0, flaky: 0 };
    passing.suites = passing.suites.map((suite) => ({ ...suite, specs: suite.specs.map((spec) => ({ ...spec, tests: spec.tests.map((t) => ({ ...t, status: 'expected' as const })) })) }));
    const text = summaryMarkdown(passing, { title: 'e2e on stage' });
    expect(text).toContain('### e2e on stage: ✅ passed');
    expect(text).toContain('The HTML report was not uploaded.');
    expect(text).not.toContain('#### Failed');
  });
});
