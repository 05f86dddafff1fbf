// Shared helpers for the tool installers in this folder. Each installer is idempotent: it
// checks for the pinned version first and installs only what is missing, into `.tools/`
// (ignored by git) or, for system packages, through the distribution's package manager.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = path.join(repoRoot, '.tools');
export const toolsBin = path.join(toolsDir, 'bin');

export function has(command) {
  // The name goes in as $1, never into the script text, so it cannot inject shell syntax.
  return spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { stdio: 'ignore' }).status === 0;
}

export function run(command, args, options = {}) {
  // nosemgrep: child-process-non-literal-command -- the installers' own wrapper: callers pass fixed tool names, no shell
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed with exit code ${result.status}`);
}

export function output(command, args) {
  // nosemgrep: child-process-non-literal-command -- as run(): fixed tool names from this folder, no shell
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

let aptUpdated = false;
/** Debian/Ubuntu packages; as root directly, otherwise through sudo. */
export function aptInstall(packages) {
  if (!has('apt-get')) throw new Error(`install ${packages.join(' ')} with your system's package manager`);
  const root = process.getuid?.() === 0;
  if (!root && !has('sudo')) throw new Error(`install ${packages.join(' ')} (needs root or sudo)`);
  const apt = (args) => (root ? run('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) : run('sudo', ['DEBIAN_FRONTEND=noninteractive', 'apt-get', ...args]));
  if (!aptUpdated) {
    apt(['update', '-qq']);
    aptUpdated = true;
  }
  apt(['install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** `go install module@version` into .tools/bin; skipped when that version is already there. */
export function goInstall({ module, version, binary }) {
  const target = path.join(toolsBin, binary);
  const stamp = `${target}.version`;
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) return target;
  if (!has('go')) throw new Error(`Go is needed to install ${binary} ${version} (go install ${module}@${version})`);
  console.log(`install-tools: go install ${module}@${version}`);
  run('go', ['install', `${module}@${version}`], { env: { ...process.env, GOBIN: toolsBin, CGO_ENABLED: '0' } });
  writeFileSync(stamp, `${version}\n`);
  return target;
}
