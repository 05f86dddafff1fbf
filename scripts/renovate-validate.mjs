#!/usr/bin/env node
// `npm run renovate:validate`: Renovate's own validator (pinned in scripts/tools/renovate.mjs)
// on renovate.json, strict, so options Renovate would migrate or ignore fail too. Offline.
import { spawnSync } from 'node:child_process';
import { repoRoot } from './tools/lib.mjs';
import * as renovate from './tools/renovate.mjs';

const validator = renovate.ensure();
// Renovate prefers its optional native re2 module, which needs a compiler or a download from
// GitHub to install. Without it Renovate would print a stack trace and fall back to JavaScript
// RegExp; it is told to use RegExp outright instead, and test/renovate.test.ts keeps the
// patterns within what RE2 accepts (no lookaround, no backreference).
const env = { ...process.env, LOG_LEVEL: 'info' };
if (!renovate.hasRe2()) {
  console.log('renovate:validate: Renovate\'s native re2 module is not installed; patterns are checked with JavaScript RegExp');
  env.RENOVATE_X_IGNORE_RE2 = 'true';
}
// nosemgrep: child-process-non-literal-command -- the validator path comes from scripts/tools/renovate.mjs
const result = spawnSync(validator, ['--strict'], { cwd: repoRoot, stdio: 'inherit', env });
process.exit(result.status ?? 1);
