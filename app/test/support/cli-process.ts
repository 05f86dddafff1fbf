import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { appDir } from '../../src/harness/index.js';

export interface CliProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts one of the app's compiled commands (`node dist/cli/<name>.js`, e.g. migrate) with
 * exactly the given environment (plus PATH). The shop itself starts through the harness
 * (src/harness/shop-process.ts).
 */
export function startCliProcess(name: 'migrate' | 'seed' | 'hash-password', env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, [path.join(appDir, 'dist', 'cli', `${name}.js`)], {
    cwd: appDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { resolve(code); }));
  return { child, stdout: () => out, stderr: () => err, exited };
}
