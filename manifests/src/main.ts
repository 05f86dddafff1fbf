// `npm run synth` writes manifests/<env>/ and the generated part of argocd/.
// `npm run synth:check` synthesizes into a temporary folder and fails, naming every file
// that differs from, is missing in, or is extra in the repository.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvironmentFileError } from '@storefront/environments';
import { compareTrees, writeRendered } from './files.js';
import { repositoryRoot } from './repository.js';
import { render, type Rendered } from './synth.js';

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
    writeRendered(repositoryRoot, rendered, true);
    console.log(`wrote ${rendered.files.size} files`);
    return 0;
  }

  const temp = mkdtempSync(path.join(tmpdir(), 'storefront-synth-'));
  try {
    writeRendered(temp, rendered, false);
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
