#!/usr/bin/env node
// `npm run sast`: static analysis, secrets and dependency audit, one section per scanner and a
// `file:line rule message` line per finding. Runs every scanner even after one fails, so a
// single run shows everything; exits 1 if any failed, 77 if none failed but one could not
// run (reported as SKIPPED, never as a pass). How to accept a finding: SECURITY.md.
//   node scripts/sast.mjs                 every scanner
//   node scripts/sast.mjs semgrep ...     only the named ones (eslint, semgrep, gitleaks, audit)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import baseConfig from '../eslint.config.js';
import { skippedExitStatus } from './exit-status.mjs';
import * as gitleaks from './tools/gitleaks.mjs';
import { repoRoot } from './tools/lib.mjs';
import * as semgrep from './tools/semgrep.mjs';

const relative = (file) => path.relative(repoRoot, file) || file;

/** Runs a scanner binary (fixed paths from scripts/tools, never a shell) and captures its output. */
function capture(command, args, env = {}) {
  // nosemgrep: child-process-non-literal-command -- command is a tool path from scripts/tools/*.mjs or 'npm'
  const result = spawnSync(command, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  if (result.error) throw result.error;
  return result;
}

/** ESLint with only the security plugin's rules, from the same flat config `npm run lint` uses. */
async function eslintSecurity() {
  const securityOnly = baseConfig.map((block) =>
    block.rules ? { ...block, rules: Object.fromEntries(Object.entries(block.rules).filter(([id]) => id.startsWith('security/'))) } : block,
  );
  const eslint = new ESLint({
    cwd: repoRoot,
    overrideConfigFile: true,
    overrideConfig: [
      ...securityOnly,
      // The security rules are syntactic: no type information needed, which makes this run fast.
      // Directives for the other rules are not "unused" just because those rules are off here.
      { languageOptions: { parserOptions: { projectService: false, project: null } }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
    ],
  });
  const results = await eslint.lintFiles(['.']);
  const findings = results.flatMap((result) =>
    result.messages.map((message) => `${relative(result.filePath)}:${message.line}:${message.column} ${message.ruleId ?? 'parse-error'} ${message.message}`),
  );
  return { findings, detail: `${results.length} files` };
}

const semgrepEnv = { SEMGREP_SEND_METRICS: 'off', SEMGREP_ENABLE_VERSION_CHECK: '0' };

/** Semgrep: first prove every rule fires on its test file, then scan the repository. */
function semgrepScan() {
  const binary = semgrep.ensure();
  const tests = capture(binary, ['--metrics=off', '--disable-version-check', '--test', '.semgrep/rules'], semgrepEnv);
  if (tests.status !== 0) {
    return { findings: [`.semgrep/rules: rule tests failed\n${tests.stdout}${tests.stderr}`], detail: 'rule tests failed' };
  }
  // Local rules only, no registry configs: the scan needs no network and sends nothing.
  const scan = capture(binary, ['scan', '--metrics=off', '--disable-version-check', '--config', '.semgrep/rules', '--json', '--quiet', '.'], semgrepEnv);
  /** @type {{ results: { check_id: string, path: string, start: { line: number, col: number }, extra: { message: string } }[], errors: { level?: string, message?: string, path?: string }[], paths: { scanned: string[] } }} */
  const report = JSON.parse(scan.stdout);
  // A rule with several alternative patterns can match one line more than once: report it once.
  const byLine = new Map(report.results.map((r) => [`${r.path}:${r.start.line} ${r.check_id}`, r]));
  const findings = [...byLine.values()].map((r) => `${r.path}:${r.start.line}:${r.start.col} ${r.check_id.split('.').pop() ?? r.check_id} ${r.extra.message.replace(/\s+/g, ' ').trim()}`);
  // A file Semgrep could not parse is a file it did not check: that fails the gate too.
  const errors = report.errors.map((e) => `${e.path ?? '.semgrep'}: semgrep ${e.level ?? 'error'}: ${(e.message ?? '').split('\n')[0]}`);
  return { findings: [...findings, ...errors], detail: `${report.paths.scanned.length} files, rules proven by semgrep --test` };
}

/** gitleaks over the working tree (not history: a clone in CI may be shallow). */
function gitleaksScan() {
  const binary = gitleaks.ensure();
  const reportPath = path.join(repoRoot, '.tools', 'gitleaks-report.json');
  const run = capture(binary, ['dir', '.', '--config', '.gitleaks.toml', '--no-banner', '--redact', '--exit-code', '0', '--log-level', 'warn', '--report-format', 'json', '--report-path', reportPath]);
  if (run.status !== 0) return { findings: [`gitleaks failed: ${run.stderr.trim()}`], detail: 'error' };
  /** @type {{ File: string, StartLine: number, RuleID: string, Description: string }[]} */
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  return { findings: report.map((f) => `${f.File}:${f.StartLine} ${f.RuleID} ${f.Description} (secret redacted)`), detail: 'working tree' };
}

/**
 * npm audit of production dependencies; each advisory points at its entry in package-lock.json.
 * Some registry mirrors do not serve the advisory endpoint (405). Where the public registry is
 * reachable (GitHub Actions, GITHUB_ACTIONS=true) that fails the gate, so it cannot pass
 * unchecked where it matters; behind a mirror it is reported as skipped, loudly.
 */
function audit() {
  const run = capture('npm', ['audit', '--omit=dev', '--audit-level=high', '--json']);
  /** @type {{ vulnerabilities?: Record<string, { severity: string, range: string, nodes: string[], via: (string | { title: string, url: string })[] }>, error?: { summary: string }, message?: string }} */
  const report = JSON.parse(run.stdout || '{}');
  if (report.error) {
    const reason = `advisory endpoint unavailable (${report.message ?? report.error.summary})`;
    if (process.env.GITHUB_ACTIONS === 'true') return { findings: [`npm audit: ${reason}`], detail: 'error' };
    return { findings: [], skipped: `${reason}; on GitHub Actions this fails the gate`, detail: 'not run' };
  }
  const lockLines = readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8').split('\n');
  const lineOf = (node) => lockLines.findIndex((line) => line.startsWith(`    "${node}": {`)) + 1;
  const findings = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
    .map(([name, v]) => {
      const node = v.nodes[0] ?? `node_modules/${name}`;
      const advisories = v.via.filter((via) => typeof via !== 'string').map((via) => `${via.title} ${via.url}`);
      return `package-lock.json:${lineOf(node)} ${name}@${v.range} ${v.severity}: ${advisories.join('; ') || `via ${v.via.join(', ')}`}`;
    });
  return { findings, detail: 'production dependencies, high and critical' };
}

const scanners = [
  ['eslint', 'ESLint security rules', eslintSecurity],
  ['semgrep', 'Semgrep (.semgrep/rules)', semgrepScan],
  ['gitleaks', 'gitleaks (.gitleaks.toml)', gitleaksScan],
  ['audit', 'npm audit --omit=dev --audit-level=high', audit],
];

const wanted = process.argv.slice(2);
let failed = 0;
let skipped = 0;
for (const [name, title, scan] of scanners) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  const started = performance.now();
  let outcome;
  try {
    outcome = await scan();
  } catch (error) {
    outcome = { findings: [`${name}: ${error instanceof Error ? error.message : String(error)}`], detail: 'error' };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  for (const finding of outcome.findings) console.log(`  ${finding}`);
  if (outcome.skipped !== undefined) {
    skipped += 1;
    console.log(`sast: SKIPPED  ${title}: ${outcome.skipped}, ${seconds}s`);
    continue;
  }
  const ok = outcome.findings.length === 0;
  if (!ok) failed += 1;
  console.log(`sast: ${ok ? 'pass' : 'FAIL'}  ${title}: ${outcome.findings.length} finding(s), ${outcome.detail}, ${seconds}s`);
}
process.exit(failed > 0 ? 1 : skipped > 0 ? skippedExitStatus : 0);
