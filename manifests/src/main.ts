// `npm run synth` writes manifests/<env>/ and the generated part of argocd/.
// `npm run synth:check` synthesizes into a temporary folder and fails, naming every file
// that differs from, is missing in, or is extra in the repository.
// manifests/<env> is rendered by the render code at the environment's release (image.revision
// in environments/<env>.yaml, render-at-revision.ts); argocd/ and environments without a
// revision by this checkout's.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EnvironmentFileError, environmentFile, environmentNames, environmentPath, parseEnvironmentFile } from '@storefront/environments';
import { compareTrees, writeRendered } from './files.js';
import { renderValidatedAtRelease } from './render-at-revision.js';
import { manifestsPath, repositoryRoot } from './repository.js';
import { defaultCache, pruneRevisionWorktrees, RenderError } from './revision-worktree.js';
import { render, type Rendered } from './synth.js';

/** `render()` with each environment's folder replaced by its render at its own release; names the releases used and their revisions. */
function renderAtReleases(): { rendered: Rendered; releases: string[]; revisions: Set<string> } {
  const read = environmentNames.map((name) => {
    // eslint-disable-next-line security/detect-non-literal-fs-filename -- environments/<name>.yaml, a name from the enum
    const text = readFileSync(environmentFile(name), 'utf8');
    return { text, environment: parseEnvironmentFile(environmentPath(name), text) };
  });
  const base = render(read.map(({ environment }) => environment));
  const files = new Map(base.files);
  const releases: string[] = [];
  const revisions = new Set<string>();
  for (const { text, environment } of read) {
    if (environment.image.revision === undefined) continue;
    const { name } = environment;
    const { files: own, revision } = renderValidatedAtRelease(repositoryRoot, environment, text);
    if (revision === undefined) continue;
    releases.push(`${name} at ${revision.slice(0, 12)}`);
    revisions.add(revision);
    for (const file of [...files.keys()]) if (file.startsWith(`${manifestsPath(name)}/`)) files.delete(file);
    for (const [file, content] of own) files.set(file, content);
  }
  return { rendered: { ...base, files }, releases, revisions };
}

function main(): number {
  const check = process.argv.includes('--check');
  const started = performance.now();
  let rendered: Rendered;
  let releases: string[];
  let revisions: Set<string>;
  try {
    ({ rendered, releases, revisions } = renderAtReleases());
  } catch (error) {
    if (error instanceof EnvironmentFileError || error instanceof RenderError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const milliseconds = (performance.now() - started).toFixed(0);
  // Counted from the files: an environment rendered at its release may hold other objects than this checkout would render.
  const counts = environmentNames.map((env) => `${env} ${[...rendered.files.keys()].filter((file) => file.startsWith(`${manifestsPath(env)}/`)).length}`).join(', ');
  const from = releases.length === 0 ? 'all from this checkout' : `render code of ${releases.join(', ')}`;
  console.log(`synthesized ${rendered.objects.size} environments in ${milliseconds} ms (objects: ${counts}; argocd ${rendered.argocd.length}; ${from})`);
  // The worktrees of releases no environment runs any more are of no use to a later render.
  // (With no release recorded, nothing was rendered from the cache, which may not even exist.)
  const pruned = revisions.size === 0 ? [] : pruneRevisionWorktrees(repositoryRoot, defaultCache(repositoryRoot), revisions);
  if (pruned.length > 0) console.log(`removed the cached worktrees of ${pruned.length} release(s) no environment records: ${pruned.map((revision) => revision.slice(0, 12)).join(', ')}`);

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
