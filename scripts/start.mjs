#!/usr/bin/env node
// `npm start`: the shop on this machine, under the project's Node.js (scripts/node-runtime.mjs):
// compile the app, then run its local launcher (the app's dist/cli/start-local.js) in this process.
import { spawnSync } from 'node:child_process';
import { runUnderProjectNode } from './node-runtime.mjs';

await runUnderProjectNode(import.meta.url);
const build = spawnSync('npm', ['run', 'build', '--workspace', 'app'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
await import('../app/dist/cli/start-local.js');
