#!/usr/bin/env node
// `npm run renovate:validate`: Renovate's own validator (pinned in scripts/tools/renovate.mjs)
// on renovate.json, strict, so options Renovate would migrate or ignore fail too. Offline.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './tools/lib.mjs';
import * as renovate from './tools/renovate.mjs';

const validator = renovate.ensure();
// Renovate prefers the native re2 module, whose install script npm does not run here; it
// falls back to JavaScript RegExp with a warning, which is fine for validation.
// nosemgrep: child-process-non-literal-command -- the validator path comes from scripts/tools/renovate.mjs
const result = spawnSync(validator, ['--strict'], { cwd: repoRoot, stdio: 'inherit', env: { ...process.env, LOG_LEVEL: 'info' } });
process.exit(result.status ?? 1);
