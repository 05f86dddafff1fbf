import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repositoryRoot } from '../../src/repository.js';

// promtool (Prometheus's own rule checker and unit-test runner, pinned in
// scripts/tools/promtool.mjs) for the alert rule tests.

const run = promisify(execFile);
export const promtool = path.join(repositoryRoot, '.tools', 'bin', 'promtool');

/** promtool in `work`, with an argument array and no shell. */
export function promtoolRun(work: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  // nosemgrep: child-process-non-literal-command -- promtool is the path scripts/tools/promtool.mjs installed; arguments are an array, no shell
  return run(promtool, args, { cwd: work, timeout: 60_000 });
}

/** `promtool test rules` over `rules.yaml` in `work`; its exit code and output, never a throw. */
export async function promtoolTest(work: string, tests: unknown[], file: string): Promise<{ code: number; output: string }> {
  writeFileSync(path.join(work, file), JSON.stringify({ rule_files: ['rules.yaml'], evaluation_interval: '1m', tests }));
  try {
    const { stdout, stderr } = await promtoolRun(work, ['test', 'rules', file]);
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
