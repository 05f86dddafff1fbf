import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Environment, EnvironmentName } from '@storefront/environments';
import { renderEnvironment } from '@storefront/manifests/regenerate';
import { Git } from './git.js';

/* eslint-disable security/detect-non-literal-fs-filename -- a temp folder this function creates, and generated file names */

export interface ManifestDiff {
  readonly files: readonly string[];
  /** Unified diff (git diff --no-index) of manifests/<env> before and after. */
  readonly patch: string;
}

/** What `npm run synth` would change in manifests/<target> when `before` becomes `after`, touching nothing. */
export async function manifestDiff(before: readonly Environment[], after: readonly Environment[], target: EnvironmentName): Promise<ManifestDiff> {
  const old = renderEnvironment(before, target);
  const next = renderEnvironment(after, target);
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
