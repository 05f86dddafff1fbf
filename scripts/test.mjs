#!/usr/bin/env node
// `npm test`: every gate in the order CI runs them, one summary line per stage. Stops at
// the first failing stage (pass --keep-going to run the rest anyway).
import { spawnSync } from 'node:child_process';
import { skippedExitStatus } from './exit-status.mjs';
import { runUnderProjectNode } from './node-runtime.mjs';

// Every stage runs under the project's Node.js (.nvmrc), whatever node the machine has.
await runUnderProjectNode(import.meta.url);

const stages = [
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck']],
  ['unit+integration', ['run', 'test:unit']],
  ['fuzz', ['run', 'fuzz']],
  ['sast', ['run', 'sast']],
  ['workflows', ['run', 'check:workflows']],
  ['manifests', ['run', 'synth:check']],
  ['apiserver', ['run', 'check:apiserver']],
  ['e2e', ['run', 'e2e']],
  ['load', ['run', 'load']],
];

const flags = process.argv.slice(2);
const unknown = flags.filter((flag) => flag !== '--keep-going');
if (unknown.length > 0) {
  console.error(`npm test: unknown option ${unknown.join(' ')}; the only option is --keep-going`);
  process.exit(2);
}
const keepGoing = flags.includes('--keep-going');
const results = [];
for (const [name, args] of stages) {
  console.log(`\n=== ${name}: npm ${args.join(' ')}`);
  const started = performance.now();
  const { status } = spawnSync('npm', args, { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  // A stage that could not run one of its checks passed nothing: it says SKIPPED, and the
  // run says so at the end, without failing where the check cannot run at all.
  const outcome = status === 0 ? 'pass' : status === skippedExitStatus ? 'SKIPPED' : 'FAIL';
  results.push({ name, outcome, seconds });
  console.log(`=== ${name}: ${{ pass: 'passed', SKIPPED: 'SKIPPED a check (see above), not passed', FAIL: 'FAILED' }[outcome]} in ${seconds}s`);
  if (outcome === 'FAIL' && !keepGoing) break;
}

console.log('\nSummary');
for (const { name, outcome, seconds } of results) console.log(`  ${outcome.padEnd(7)}  ${name.padEnd(18)} ${seconds.padStart(7)}s`);
const count = (outcome) => results.filter((r) => r.outcome === outcome).length;
const failed = count('FAIL');
const incomplete = count('SKIPPED');
const notRun = stages.length - results.length;
if (incomplete) console.log(`${incomplete} stage(s) SKIPPED a check that could not run here: not passed, see above`);
if (notRun) console.log(`${notRun} stage(s) not run after the first failure (--keep-going runs them all)`);
// The closing line is the plain "N passed, N failed, N skipped" that CI systems read as a
// test summary, so it stays alone on the last line and in exactly this shape.
console.log(`stages: ${count('pass')} passed, ${failed} failed, ${incomplete} skipped`);
process.exit(failed === 0 ? 0 : 1);
