import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedDirectories, generatedFiles, type Rendered } from './synth.js';

/* eslint-disable security/detect-non-literal-fs-filename -- every path is under a root the caller chose (the repository or a temp folder), built from generated names */

/** Generated files present under `root` (repository-relative paths, sorted). */
export function listGenerated(root: string): string[] {
  const found: string[] = [];
  for (const dir of generatedDirectories) {
    const absolute = path.join(root, dir);
    if (!existsSync(absolute)) continue;
    for (const entry of readdirSync(absolute)) {
      if (statSync(path.join(absolute, entry)).isFile()) found.push(`${dir}/${entry}`);
    }
  }
  for (const file of generatedFiles) if (existsSync(path.join(root, file))) found.push(file);
  return found.sort();
}

export function writeRendered(root: string, rendered: Rendered, clean: boolean): void {
  if (clean) for (const file of listGenerated(root)) rmSync(path.join(root, file));
  for (const [file, content] of rendered.files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}

/** Compares two trees of generated files; returns one line per difference. */
export function compareTrees(expectedRoot: string, actualRoot: string): string[] {
  const expected = new Set(listGenerated(expectedRoot));
  const actual = new Set(listGenerated(actualRoot));
  const problems: string[] = [];
  for (const file of [...new Set([...expected, ...actual])].sort()) {
    if (!actual.has(file)) problems.push(`missing: ${file}`);
    else if (!expected.has(file)) problems.push(`extra (not generated): ${file}`);
    else if (readFileSync(path.join(expectedRoot, file), 'utf8') !== readFileSync(path.join(actualRoot, file), 'utf8')) problems.push(`differs: ${file}`);
  }
  return problems;
}

