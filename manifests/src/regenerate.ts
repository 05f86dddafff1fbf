import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '@storefront/environments';
import { renderValidatedAtRelease } from './render-at-revision.js';
import { manifestsPath } from './repository.js';

/* eslint-disable security/detect-non-literal-fs-filename -- paths are under a checkout the caller names, built from the environment enum and generated file names */

/** An environment file as the release and promotion tools write it: its text and what it validated to. */
export interface EnvironmentRelease {
  readonly environment: Environment;
  readonly text: string;
}

/**
 * Regenerates manifests/<env> in the checkout at `root` for the environment the caller has just
 * validated and written there, rendered by the render code at its release (`image.revision`;
 * see render-at-revision.ts), stale files removed: what `npm run synth` writes there for that
 * environment. For the release and promotion tools, which work in checkouts other than this
 * one; `cache` is where release worktrees are kept (default: .synth/ of `root`'s checkout).
 */
export function regenerateEnvironment(root: string, release: EnvironmentRelease, options: { cache?: string } = {}): string[] {
  const { files } = renderValidatedAtRelease(root, release.environment, release.text, options);
  const dir = path.join(root, manifestsPath(release.environment.name));
  if (existsSync(dir)) for (const entry of readdirSync(dir)) if (entry.endsWith('.yaml')) rmSync(path.join(dir, entry));
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) writeFileSync(path.join(root, file), content);
  return [...files.keys()];
}

export { releaseRevision, renderAtRelease, renderValidatedAtRelease, type RenderedEnvironment } from './render-at-revision.js';
export { RenderError } from './revision-worktree.js';
export { renderOne } from './synth.js';
