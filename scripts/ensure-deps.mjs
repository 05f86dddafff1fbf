#!/usr/bin/env node
// Makes a fresh clone runnable: installs npm dependencies from the lockfile when they are
// missing or stale, then the machine tools the tests use (scripts/install-tools.mjs).
// Idempotent: a second run with nothing to do takes well under a second.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runUnderProjectNode } from './node-runtime.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lockfile = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');

function run(command, args) {
  // nosemgrep: child-process-non-literal-command -- called only with 'npm' and process.execPath, no shell
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`ensure-deps: \`${command} ${args.join(' ')}\` failed`);
    process.exit(result.status ?? 1);
  }
}

// Under the project's Node.js, so npm ci sees the engine every package asks for.
await runUnderProjectNode(import.meta.url);

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) {
  console.log('ensure-deps: installing npm dependencies from package-lock.json');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

if (process.argv.includes('--no-tools')) process.exit(0);
run(process.execPath, [path.join(root, 'scripts', 'install-tools.mjs')]);
