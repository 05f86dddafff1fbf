import { withImageDigest } from '@storefront/environments';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RefusedError } from '../errors.js';
import { Git } from '../git.js';
import { environmentPath, shortDigest } from '../history.js';
import { describeHold, holdPath, liftInstructions, parseHold } from '../hold.js';
import type { Runtime } from '../session.js';
import { commitChange } from '../workspace.js';

/* eslint-disable security/detect-non-literal-fs-filename -- fixed repository paths under the checkout's root */

/**
 * The release workflow's last step: in the current checkout (main), write the new digest to
 * environments/dev.yaml, regenerate manifests/dev, commit with [skip ci] and, with --push,
 * push to origin. Refused (exit 3) while dev is on hold.
 */
export async function releaseCommand(runtime: Runtime, options: { digest: string; push: boolean; 'dry-run': boolean; base: string }): Promise<number> {
  const root = (await new Git(runtime.cwd).run(['rev-parse', '--show-toplevel'])).trim();
  const git = new Git(root);
  let holdText: string | undefined;
  try {
    holdText = readFileSync(path.join(root, holdPath('dev')), 'utf8');
  } catch {
    holdText = undefined;
  }
  if (holdText !== undefined) {
    const hold = parseHold(holdPath('dev'), holdText);
    throw new RefusedError(`not releasing ${shortDigest(options.digest)} to dev: ${describeHold(hold)}; ${liftInstructions('dev')}`);
  }
  const file = environmentPath('dev');
  const current = readFileSync(path.join(root, file), 'utf8');
  const { text, environment } = withImageDigest(file, current, options.digest);
  if (text === current) {
    runtime.out(`dev already runs ${options.digest}: nothing to commit`);
    return 0;
  }
  if (options['dry-run']) {
    runtime.out(`dry run: would write ${environment.image.digest ?? ''} to ${file}, regenerate manifests/dev and commit${options.push ? ` and push to ${options.base}` : ''}`);
    return 0;
  }
  const commit = await commitChange(root, { target: 'dev', environmentText: text, hold: undefined, message: `Release ${options.digest} to dev [skip ci]` });
  runtime.out(`committed ${commit.slice(0, 12)}: dev runs ${options.digest}`);
  if (options.push) {
    // main may have moved since the checkout (another merge): replay this one commit on it and retry.
    for (let attempt = 1; ; attempt++) {
      try {
        await git.run(['push', '--quiet', 'origin', `HEAD:refs/heads/${options.base}`]);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await git.run(['fetch', '--quiet', '--no-tags', 'origin', `+refs/heads/${options.base}:refs/remotes/origin/${options.base}`]);
        await git.run(['rebase', '--quiet', `refs/remotes/origin/${options.base}`]);
      }
    }
    runtime.out(`pushed to ${options.base}`);
  }
  return 0;
}
