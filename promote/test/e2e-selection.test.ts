import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment, type EnvironmentName } from '@storefront/environments';
import { e2eSelection } from '../src/verification.js';
import { repositoryRoot } from './support/repository.js';

// What verify.yml runs after a deploy is what Playwright lists for the environment's selection
// (E2E_GREP / E2E_GREP_INVERT from `promote deployed`) against a deployment's address. Listing
// loads the config and every spec but opens no browser and sends nothing.

interface Listed {
  readonly project: string;
  readonly title: string;
  readonly tags: readonly string[];
}

interface Suite {
  readonly specs?: readonly { readonly title: string; readonly tags?: readonly string[]; readonly tests: readonly { readonly projectName: string }[] }[];
  readonly suites?: readonly Suite[];
}

function list(env: Record<string, string>): { status: number | null; listed: Listed[]; stderr: string } {
  const cli = path.join(repositoryRoot, 'node_modules', '@playwright', 'test', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'test', '--config', 'e2e/playwright.config.ts', '--list', '--reporter', 'json'], {
    cwd: repositoryRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, BASE_URL: 'https://shop.invalid', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const listed: Listed[] = [];
  const walk = (suite: Suite) => {
    for (const spec of suite.specs ?? []) for (const test of spec.tests) listed.push({ project: test.projectName, title: spec.title, tags: (spec.tags ?? []).map((tag) => `@${tag}`) });
    for (const child of suite.suites ?? []) walk(child);
  };
  if (result.status === 0) for (const suite of (JSON.parse(result.stdout) as { suites: Suite[] }).suites) walk(suite);
  return { status: result.status, listed, stderr: result.stderr };
}

const selectionEnv = (name: EnvironmentName) => {
  const { grep, grepInvert } = e2eSelection(loadEnvironment(name));
  return { E2E_GREP: grep, E2E_GREP_INVERT: grepInvert };
};
const writing = (listed: readonly Listed[]) => listed.filter((test) => test.tags.includes('@writes'));
const summary = (listed: readonly Listed[]) => listed.map((test) => `${test.project}: ${test.title} ${test.tags.join(' ')}`).sort();

describe('the Playwright selection verify.yml runs per environment', () => {
  it.each(['dev', 'stage'] as const)('%s runs the writing journeys (checkout, admin) besides the smoke tests', (name) => {
    const { status, listed, stderr } = list(selectionEnv(name));
    expect(status, stderr).toBe(0);
    console.log(`${name}: ${listed.length} tests, ${writing(listed).length} writing\n  ${summary(listed).join('\n  ')}`);
    const writes = writing(listed);
    expect(writes.some((test) => test.project === 'desktop' && test.tags.includes('@checkout'))).toBe(true);
    expect(writes.some((test) => test.project === 'desktop' && test.tags.includes('@admin'))).toBe(true);
    // The guest checkout is a shopper's journey: the phones run it too; the admin stays on desktop.
    expect(writes.filter((test) => test.project !== 'desktop').every((test) => test.tags.includes('@checkout'))).toBe(true);
    expect(writes.some((test) => test.project === 'pixel-7')).toBe(true);
    expect(listed.some((test) => test.tags.includes('@smoke'))).toBe(true);
    expect(listed.every((test) => test.tags.includes('@smoke') || test.tags.includes('@writes'))).toBe(true);
    // The visual baselines are the seed catalog's pictures; a deployment's data is its own.
    expect(listed.filter((test) => test.tags.includes('@visual'))).toEqual([]);
    expect(new Set(listed.map((test) => test.project))).toEqual(new Set(['desktop', 'pixel-7', 'iphone-13']));
  });

  it('prod runs only @smoke tests, none that writes, on every project', () => {
    const { status, listed, stderr } = list(selectionEnv('prod'));
    expect(status, stderr).toBe(0);
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed.map((test) => test.project))).toEqual(new Set(['desktop', 'pixel-7', 'iphone-13']));
    expect(writing(listed)).toEqual([]);
    expect(listed.every((test) => test.tags.includes('@smoke'))).toBe(true);
  });

  it("without a selection a deployment gets prod's read-only one", () => {
    const given = list(selectionEnv('prod'));
    const defaulted = list({});
    expect(defaulted.status, defaulted.stderr).toBe(0);
    expect(summary(defaulted.listed)).toEqual(summary(given.listed));
  });

  it('a selection that is not a regular expression is refused with the variable named', () => {
    const { status, stderr } = list({ E2E_GREP: '@smoke|(' });
    expect(status).toBe(2);
    expect(stderr).toContain('E2E_GREP is not a regular expression: "@smoke|("');
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
