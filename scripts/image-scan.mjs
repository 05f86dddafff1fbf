#!/usr/bin/env node
// `npm run image:scan -- <image>`: Trivy over a locally built image (CI's image job builds it
// with Buildx and loads it into Docker). Fails on HIGH or CRITICAL vulnerabilities that have
// a fix; unfixed ones cannot be acted on and would only train people to ignore the gate.
// Trivy is not part of scripts/install-tools.mjs: it needs a Docker engine to be useful, so
// it is built on first use (Go build cache makes later runs instant).
import { spawnSync } from 'node:child_process';
import { repoRoot } from './tools/lib.mjs';
import * as trivy from './tools/trivy.mjs';

const image = process.argv[2];
if (image === undefined || image.startsWith('-')) {
  console.error('usage: npm run image:scan -- <image reference>, e.g. bitshop/storefront:ci-<sha>');
  process.exit(2);
}
const binary = trivy.ensure();
// nosemgrep: child-process-non-literal-command -- the trivy path comes from scripts/tools/trivy.mjs; the image is one argument, no shell
const result = spawnSync(binary, ['image', '--exit-code', '1', '--severity', 'HIGH,CRITICAL', '--ignore-unfixed', '--no-progress', image], {
  cwd: repoRoot,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
