// The render entry point of one release: `tsx manifests/src/render-environment.ts <env>
// <environment-file> <out-dir>` validates the environment file with this revision's schema and
// writes manifests/<env>'s files (names only, no folders) into <out-dir>. `npm run synth` and the
// promotion tool run it in a worktree of an environment's recorded `image.revision`, so this
// command line is a contract between revisions: keep it, and keep exit 1 for a refused file.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentFileError, environmentNames, environmentPath, parseEnvironmentFile, type EnvironmentName } from '@storefront/environments';
import { renderOne } from './synth.js';

/* eslint-disable security/detect-non-literal-fs-filename -- the file and folder the calling synth names */

function main(argv: readonly string[]): number {
  const [name, file, out] = argv;
  if (name === undefined || file === undefined || out === undefined || !(environmentNames as readonly string[]).includes(name)) {
    console.error(`usage: render-environment.ts <${environmentNames.join('|')}> <environment-file> <out-dir>`);
    return 2;
  }
  try {
    const env = parseEnvironmentFile(environmentPath(name as EnvironmentName), readFileSync(file, 'utf8'));
    mkdirSync(out, { recursive: true });
    for (const [generated, content] of renderOne(env)) writeFileSync(path.join(out, path.basename(generated)), content);
    return 0;
  } catch (error) {
    if (error instanceof EnvironmentFileError) {
      console.error(error.problems.join('; '));
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
