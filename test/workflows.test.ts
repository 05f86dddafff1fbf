import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findNpmScripts, isPinnedUses, isPinnedUsesLine, permissionsAreReadOnly } from './workflow-rules.js';

const root = path.resolve(import.meta.dirname, '..');
const workflowsDir = path.join(root, '.github', 'workflows');
const scripts = Object.keys((JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

interface Step {
  uses?: string;
  run?: string;
}
interface Workflow {
  permissions?: unknown;
  jobs?: Record<string, { steps?: Step[]; uses?: string }>;
}

// The one place the generic rules of every workflow are checked; tests elsewhere
// (promote/test/workflows.test.ts) check what a workflow does, not how it is written.
const workflows = readdirSync(workflowsDir)
  .filter((file) => /\.ya?ml$/.test(file))
  .map((file) => {
    const text = readFileSync(path.join(workflowsDir, file), 'utf8');
    return { file, text, workflow: parse(text) as Workflow };
  });

describe('workflow rules', () => {
  it('finds npm scripts in run: lines, whichever way they are called', () => {
    expect(findNpmScripts('npm run lint\nnpm run --silent ci:summary -- e2e "$URL" >> "$GITHUB_STEP_SUMMARY"')).toEqual(['lint', 'ci:summary']);
    expect(findNpmScripts('npm test && npm run-script build -w app')).toEqual(['test', 'build']);
    expect(findNpmScripts('npm ci\nnpm install --no-save x\nnpx eslint .')).toEqual([]);
    expect(findNpmScripts('npm start')).toEqual(['start']);
  });
  it('accepts only full commit SHAs (or local actions) in uses:', () => {
    expect(isPinnedUses('actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toBe(true);
    expect(isPinnedUses('github/codeql-action/init@181d5eefc20863364f96762470ba6f862bdef56b')).toBe(true);
    expect(isPinnedUses('./.github/actions/setup')).toBe(true);
    expect(isPinnedUses('actions/checkout@v4')).toBe(false);
    expect(isPinnedUses('actions/checkout@11bd719')).toBe(false);
    expect(isPinnedUses('docker://alpine:3.20')).toBe(false);
  });
  it('wants the release beside the SHA on a uses: line', () => {
    expect(isPinnedUsesLine('      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2')).toBe(true);
    expect(isPinnedUsesLine('        uses: ./.github/actions/setup')).toBe(true);
    expect(isPinnedUsesLine('      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683')).toBe(false);
    expect(isPinnedUsesLine('      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4')).toBe(false);
    expect(isPinnedUsesLine('      - uses: actions/checkout@v4.2.2 # v4.2.2')).toBe(false);
  });
  it('treats only read (or none) as read-only top-level permissions', () => {
    expect(permissionsAreReadOnly({ contents: 'read' })).toBe(true);
    expect(permissionsAreReadOnly('read-all')).toBe(true);
    expect(permissionsAreReadOnly({})).toBe(true);
    expect(permissionsAreReadOnly({ contents: 'read', packages: 'write' })).toBe(false);
    expect(permissionsAreReadOnly('write-all')).toBe(false);
    expect(permissionsAreReadOnly(undefined)).toBe(false);
  });
});

describe.each(workflows)('.github/workflows/$file', ({ text, workflow }) => {
  const steps = Object.entries(workflow.jobs ?? {}).flatMap(([job, definition]) => (definition.steps ?? []).map((step) => ({ job, step })));

  it('calls only npm scripts that exist in package.json', () => {
    const called = steps.flatMap(({ job, step }) => findNpmScripts(step.run ?? '').map((script) => `${job}: npm run ${script}`));
    const missing = called.filter((entry) => !scripts.includes(entry.slice(entry.lastIndexOf(' ') + 1)));
    expect(missing).toEqual([]);
  });

  it('pins every action to a full commit SHA', () => {
    const uses = [...steps.map(({ job, step }) => ({ job, uses: step.uses })), ...Object.entries(workflow.jobs ?? {}).map(([job, d]) => ({ job, uses: d.uses }))];
    const floating = uses.filter((entry): entry is { job: string; uses: string } => entry.uses !== undefined && !isPinnedUses(entry.uses));
    expect(floating).toEqual([]);
  });

  it('writes each action as its commit SHA with the release in a comment', () => {
    const lines = text.split('\n').filter((line) => /^\s*(?:- )?uses:/.test(line));
    expect(lines.filter((line) => !isPinnedUsesLine(line))).toEqual([]);
  });

  it('grants only read permissions at the top level', () => {
    expect(permissionsAreReadOnly(workflow.permissions)).toBe(true);
  });
});

describe('action pins across every workflow', () => {
  // A job copied from an older workflow brings its older pin along; Renovate then updates each
  // copy on its own schedule. One commit per action keeps every job on the version reviewed.
  it('uses one commit of each action everywhere', () => {
    const commits = new Map<string, Set<string>>();
    for (const { workflow } of workflows) {
      for (const job of Object.values(workflow.jobs ?? {})) {
        for (const uses of [job.uses, ...(job.steps ?? []).map((step) => step.uses)]) {
          if (uses === undefined || !uses.includes('@')) continue;
          const [action = '', commit = ''] = uses.split('@');
          commits.set(action, (commits.get(action) ?? new Set<string>()).add(commit));
        }
      }
    }
    const split = [...commits].filter(([, pins]) => pins.size > 1).map(([action, pins]) => `${action}: ${[...pins].join(', ')}`);
    expect(split).toEqual([]);
  });
});
