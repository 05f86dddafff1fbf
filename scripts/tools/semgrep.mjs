// Semgrep: the project's own rules in .semgrep/ (`npm run sast`), installed with pip into a
// virtual environment under .tools/ so it never touches the system Python.
// 1.181 and newer require a certifi release newer than the package index this project's machines use.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { has, run, toolsDir } from './lib.mjs';

export const name = 'semgrep';
// renovate: datasource=pypi depName=semgrep
export const version = '1.180.0';

const venv = path.join(toolsDir, 'semgrep-venv');
export const binary = path.join(venv, 'bin', 'semgrep');
const stamp = path.join(venv, 'semgrep.version');

export function ensure() {
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) return binary;
  const python = ['python3', 'python'].find((candidate) => has(candidate));
  if (python === undefined) throw new Error(`Python 3 with venv is needed to install semgrep ${version}`);
  console.log(`install-tools: pip install semgrep==${version} into ${path.relative(process.cwd(), venv)}`);
  if (!existsSync(path.join(venv, 'bin', 'pip'))) run(python, ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `semgrep==${version}`]);
  writeFileSync(stamp, `${version}\n`);
  return binary;
}
