// `npm run synth` writes manifests/<env>/ and the generated part of argocd/.
// `npm run synth:check` synthesizes into a temporary folder and fails, naming every file
// that differs from, is missing in, or is extra in the repository.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvironmentFileError } from '@storefront/environments';
import { repositoryRoot } from './repository.js';
import { generatedDirectories, generatedFiles, render, type Rendered } from './synth.js';

/* eslint-disable security/detect-non-literal-fs-filename -- every path is under the repository root or a temp folder this script made, built from generated names */

function listGenerated(root: string): string[] {
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

function write(root: string, rendered: Rendered, clean: boolean): void {
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

function main(): number {
  const check = process.argv.includes('--check');
  const started = performance.now();
  let rendered: Rendered;
  try {
    rendered = render();
  } catch (error) {
    if (error instanceof EnvironmentFileError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const milliseconds = (performance.now() - started).toFixed(0);
  const counts = [...rendered.objects].map(([env, objects]) => `${env} ${objects.length}`).join(', ');
  console.log(`synthesized ${rendered.objects.size} environments in ${milliseconds} ms (objects: ${counts}; argocd ${rendered.argocd.length})`);

  if (!check) {
    write(repositoryRoot, rendered, true);
    console.log(`wrote ${rendered.files.size} files`);
    return 0;
  }

  const temp = mkdtempSync(path.join(tmpdir(), 'storefront-synth-'));
  try {
    write(temp, rendered, false);
    const problems = compareTrees(temp, repositoryRoot);
    if (problems.length === 0) {
      console.log(`synth:check: all ${rendered.files.size} generated files match`);
      return 0;
    }
    console.error(`synth:check: the committed manifests are not what the source generates:\n${problems.map((p) => `  ${p}`).join('\n')}\nRun \`npm run synth\` and commit the result.`);
    return 1;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

process.exitCode = main();
