import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { environmentNames, parseEnvironmentFile, type Environment, type EnvironmentName } from '@storefront/environments';
import { renderAtRelease } from './render-at-revision.js';
import { manifestsPath } from './repository.js';
import { render } from './synth.js';

/* eslint-disable security/detect-non-literal-fs-filename -- paths are under a checkout the caller names, built from the environment enum and generated file names */

/** Reads and validates every environments/<env>.yaml of a checkout (not necessarily this one). */
export function loadEnvironmentsFrom(root: string): Environment[] {
  return environmentNames.map((name) => {
    const file = path.join(root, 'environments', `${name}.yaml`);
    return parseEnvironmentFile(file, readFileSync(file, 'utf8'));
  });
}

/**
 * The generated files of one environment (repository-relative path to content) rendered by
 * this checkout's code for the given environment configs (what synth writes for an
 * environment without a release revision).
 */
export function renderEnvironment(environments: readonly Environment[], name: EnvironmentName): Map<string, string> {
  const prefix = `${manifestsPath(name)}/`;
  return new Map([...render(environments).files].filter(([file]) => file.startsWith(prefix)));
}

/**
 * Regenerates manifests/<name> in the checkout at `root` from that checkout's
 * environments/<name>.yaml, rendered by the render code at the environment's release
 * (`image.revision`; see render-at-revision.ts), stale files removed: what `npm run synth`
 * writes there for that environment. For the release and promotion tools, which work in
 * checkouts other than this one; `cache` is where release worktrees are kept (default:
 * .synth/ of `root`'s checkout).
 */
export function regenerateEnvironment(root: string, name: EnvironmentName, options: { cache?: string } = {}): string[] {
  const text = readFileSync(path.join(root, 'environments', `${name}.yaml`), 'utf8');
  const { files } = renderAtRelease(root, name, text, options);
  const dir = path.join(root, manifestsPath(name));
  if (existsSync(dir)) for (const entry of readdirSync(dir)) if (entry.endsWith('.yaml')) rmSync(path.join(dir, entry));
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of files) writeFileSync(path.join(root, file), content);
  return [...files.keys()];
}

export { releaseRevision, renderAtRelease, type RenderedEnvironment } from './render-at-revision.js';
export { RenderError } from './revision-worktree.js';
