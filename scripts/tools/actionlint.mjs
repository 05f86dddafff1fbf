// actionlint: checks .github/workflows (expressions, job graph, action inputs) and, through
// shellcheck, every `run:` script. Part of `npm test` (stage 'workflows').
import { aptInstall, goInstall, has } from './lib.mjs';

export const name = 'actionlint';
// renovate: datasource=go depName=github.com/rhysd/actionlint
export const version = 'v1.7.12';

export function ensure() {
  // Without shellcheck actionlint silently skips `run:` scripts, so it is required, not optional.
  if (!has('shellcheck')) aptInstall(['shellcheck']);
  return goInstall({ module: 'github.com/rhysd/actionlint/cmd/actionlint', version, binary: 'actionlint' });
}
