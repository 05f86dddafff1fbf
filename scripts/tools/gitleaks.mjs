// gitleaks: scans the working tree for committed secrets (`npm run sast`).
import { goInstall } from './lib.mjs';

export const name = 'gitleaks';
// renovate: datasource=go depName=github.com/zricethezav/gitleaks/v8
export const version = 'v8.30.1';

export function ensure() {
  return goInstall({ module: 'github.com/zricethezav/gitleaks/v8', version, binary: 'gitleaks' });
}
