import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

// Reads the figures of one Schemathesis run from its NDJSON event stream (`--report ndjson`):
// one JSON object per line, keyed by the event name. Only the fields read here are checked.

export interface RunReport {
  /** Operations at least one test case was sent to. */
  operations: number;
  testCases: number;
  /** Distinct operation + check pairs that failed, e.g. "POST /api/v1/orders: not_a_server_error". */
  failures: string[];
  /** Operations Schemathesis could not test (its own runtime errors, unusable schemas). */
  errors: string[];
}

const check = z.object({ name: z.string(), status: z.string() });
const scenarioFinished = z.object({
  status: z.string(),
  recorder: z.object({
    label: z.string(),
    cases: z.record(z.string(), z.unknown()).optional(),
    checks: z.record(z.string(), z.array(check)).optional(),
  }),
});
const nonFatalError = z.object({ label: z.string().optional(), value: z.object({ type: z.string(), message: z.string() }) });

export function readRunReport(file: string): RunReport {
  const report: RunReport = { operations: 0, testCases: 0, failures: [], errors: [] };
  if (!existsSync(file)) {
    report.errors.push(`no event stream at ${file}: Schemathesis stopped before testing`);
    return report;
  }
  const operations = new Set<string>();
  const cases = new Set<string>();
  const failures = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as Record<string, unknown>;
    if ('ScenarioFinished' in event) {
      const scenario = scenarioFinished.parse(event.ScenarioFinished);
      const { label } = scenario.recorder;
      const ids = Object.keys(scenario.recorder.cases ?? {});
      if (ids.length > 0) operations.add(label);
      for (const id of ids) cases.add(id);
      for (const results of Object.values(scenario.recorder.checks ?? {})) {
        for (const result of results) if (result.status === 'failure') failures.add(`${label}: ${result.name}`);
      }
    } else if ('NonFatalError' in event) {
      const error = nonFatalError.parse(event.NonFatalError);
      report.errors.push(`${error.label ?? 'schema'}: ${error.value.type}: ${error.value.message}`);
    }
  }
  return { ...report, operations: operations.size, testCases: cases.size, failures: [...failures].sort() };
}
