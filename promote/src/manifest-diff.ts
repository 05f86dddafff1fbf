import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EnvironmentName } from '@storefront/environments';
import { renderAtRelease, RenderError } from '@storefront/manifests/regenerate';
import { RefusedError } from './errors.js';
import { Git } from './git.js';
import { renderCache } from './workspace.js';

/* eslint-disable security/detect-non-literal-fs-filename -- a temp folder this function creates, and generated file names */

export interface ManifestDiff {
  readonly files: readonly string[];
  /** Unified diff (git diff --no-index) of manifests/<env> before and after. */
  readonly patch: string;
}

/**
 * What `npm run synth` would change in manifests/<target> when its environment file's text goes
 * from `before` to `after`, touching nothing: each side rendered by the render code at the
 * release it records, so a promotion shows the manifest-code change it carries.
 */
export async function manifestDiff(git: Git, target: EnvironmentName, before: string, after: string): Promise<ManifestDiff> {
  const old = render(git, target, before);
  const next = render(git, target, after);
  const files = [...new Set([...old.keys(), ...next.keys()])].filter((file) => old.get(file) !== next.get(file)).sort();
  if (files.length === 0) return { files, patch: '' };
  const temp = mkdtempSync(path.join(tmpdir(), 'promote-diff-'));
  try {
    for (const [side, map] of [['old', old], ['new', next]] as const) {
      for (const file of files) {
        const content = map.get(file);
        if (content === undefined) continue;
        mkdirSync(path.dirname(path.join(temp, side, file)), { recursive: true });
        writeFileSync(path.join(temp, side, file), content);
      }
      mkdirSync(path.join(temp, side), { recursive: true });
    }
    const patch = await new Git(temp).run(['diff', '--no-index', '--no-color', '--src-prefix=a/', '--dst-prefix=b/', 'old', 'new'], { allowExitCodes: [1] });
    return { files, patch: patch.replaceAll(' a/old/', ' a/').replaceAll(' b/new/', ' b/').replaceAll('--- a/old/', '--- a/').replaceAll('+++ b/new/', '+++ b/') };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** A release that cannot render the file (its schema refuses a newer knob) refuses the promotion, in one line. */
function render(git: Git, target: EnvironmentName, text: string): Map<string, string> {
  try {
    return renderAtRelease(git.cwd, target, text, { cache: renderCache(git) }).files;
  } catch (error) {
    if (error instanceof RenderError) throw new RefusedError(error.message);
    throw error;
  }
}
