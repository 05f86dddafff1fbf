#!/usr/bin/env node
// `npm test`: every gate in the order CI runs them, one summary line per stage. Stops at
// the first failing stage (pass --keep-going to run the rest anyway).
import { spawnSync } from 'node:child_process';

const stages = [
  ['lint', ['run', 'lint']],
  ['typecheck', ['run', 'typecheck']],
  ['unit+integration', ['run', 'test:unit']],
  ['fuzz', ['run', 'fuzz']],
  ['sast', ['run', 'sast']],
  ['workflows', ['run', 'check:workflows']],
  ['manifests', ['run', 'synth:check']],
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
  results.push({ name, ok: status === 0, seconds });
  console.log(`=== ${name}: ${status === 0 ? 'passed' : 'FAILED'} in ${seconds}s`);
  if (status !== 0 && !keepGoing) break;
}

console.log('\nSummary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'pass' : 'FAIL'}  ${name.padEnd(18)} ${seconds.padStart(7)}s`);
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
const skipped = stages.length - results.length;
console.log(`stages: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
