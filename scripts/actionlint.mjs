#!/usr/bin/env node
// `npm run lint:workflows`: actionlint (pinned in scripts/tools/actionlint.mjs) over
// .github/workflows, with shellcheck checking every `run:` script. Findings are file:line:col.
import { spawnSync } from 'node:child_process';
import * as actionlint from './tools/actionlint.mjs';
import { has, repoRoot } from './tools/lib.mjs';

const binary = actionlint.ensure();
// actionlint skips run: scripts silently when shellcheck is missing; refuse to pass like that.
if (!has('shellcheck')) {
  console.error('lint:workflows: shellcheck is not on PATH, so run: scripts would go unchecked');
  process.exit(1);
}
// nosemgrep: child-process-non-literal-command -- the actionlint path comes from scripts/tools/actionlint.mjs
const result = spawnSync(binary, ['-color', '-shellcheck', 'shellcheck'], { cwd: repoRoot, stdio: 'inherit' });
if (result.status === 0) console.log('lint:workflows: actionlint and shellcheck found nothing in .github/workflows');
process.exit(result.status ?? 1);
