#!/usr/bin/env node
// Installs the machine tools the gates need, each pinned in its own module under
// scripts/tools/ (Renovate's custom managers update the versions there). Idempotent.
//   node scripts/install-tools.mjs            every tool
//   node scripts/install-tools.mjs k6 ...     only the named tools
import * as actionlint from './tools/actionlint.mjs';
import * as chromium from './tools/chromium.mjs';
import * as gitleaks from './tools/gitleaks.mjs';
import * as k6 from './tools/k6.mjs';
import * as kubeApiserver from './tools/kube-apiserver.mjs';
import * as postgres from './tools/postgres.mjs';
import * as promtool from './tools/promtool.mjs';
import * as renovate from './tools/renovate.mjs';
import * as schemathesis from './tools/schemathesis.mjs';
import * as semgrep from './tools/semgrep.mjs';

const tools = [postgres, semgrep, schemathesis, gitleaks, actionlint, renovate, chromium, k6, promtool, kubeApiserver];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !tools.some((tool) => tool.name === name));
if (unknown.length > 0) {
  console.error(`install-tools: unknown tool ${unknown.join(', ')}; known: ${tools.map((tool) => tool.name).join(', ')}`);
  process.exit(2);
}

for (const tool of tools) {
  if (wanted.length > 0 && !wanted.includes(tool.name)) continue;
  try {
    await tool.ensure();
  } catch (error) {
    console.error(`install-tools: ${tool.name}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
