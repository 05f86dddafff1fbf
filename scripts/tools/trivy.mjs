// Trivy: scans the built container image for HIGH and CRITICAL vulnerabilities
// (`npm run image:scan`, CI's image job). Built with go install rather than taken from
// aquasecurity/trivy-action or setup-trivy, whose tags were force-pushed to malware in March
// 2026: the Go checksum database pins what a module version contains, so a moved tag cannot
// change what this builds. v0.69.4 (and the 0.69.5/0.69.6 images) were the malicious releases.
import { goInstall } from './lib.mjs';

export const name = 'trivy';
// renovate: datasource=go depName=github.com/aquasecurity/trivy
export const version = 'v0.69.3';

export function ensure() {
  return goInstall({ module: 'github.com/aquasecurity/trivy/cmd/trivy', version, binary: 'trivy' });
}
