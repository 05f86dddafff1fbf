import { readFileSync } from 'node:fs';
import { Gauge, type Registry } from 'prom-client';

/** Which release a process runs: the app's version, and the commit and image digest the manifests name. */
export interface BuildInfo {
  version: string;
  revision: string;
  digest: string;
}

/** Shown when the deployment did not say (local runs, an environment without `image.revision`). */
export const unknownRelease = 'unknown';

// dist/observability/ → the app's package.json, in the checkout and in the image (/app).
const packageJsonUrl = new URL('../../package.json', import.meta.url);

export function appVersion(): string {
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- a fixed path beside the compiled code
  const parsed = JSON.parse(readFileSync(packageJsonUrl, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : unknownRelease;
}

/**
 * `storefront_build_info{version,revision,digest} 1`: a deploy changes its labels, which the
 * dashboard draws as deploy markers and which lets any panel be joined to the release.
 */
export function registerBuildInfo(registry: Registry, info: BuildInfo): void {
  const gauge = new Gauge({
    name: 'storefront_build_info',
    help: 'Always 1; the labels name the running release: app version, source revision (commit) and image digest',
    labelNames: ['version', 'revision', 'digest'] as const,
    registers: [registry],
  });
  gauge.set({ version: info.version, revision: info.revision, digest: info.digest }, 1);
}
