// Schemathesis: fuzzes the API from its OpenAPI document (`npm run fuzz`), installed with pip
// into a virtual environment under .tools/ so it never touches the system Python.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { has, run, toolsDir } from './lib.mjs';

export const name = 'schemathesis';
// renovate: datasource=pypi depName=schemathesis
export const version = '4.32.5';

const venv = path.join(toolsDir, 'schemathesis-venv');
export const binary = path.join(venv, 'bin', 'schemathesis');
const stamp = path.join(venv, 'schemathesis.version');

export function ensure() {
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === version) return binary;
  const python = ['python3', 'python'].find((candidate) => has(candidate));
  if (python === undefined) throw new Error(`Python 3.9 or newer with venv is needed to install schemathesis ${version}`);
  console.log(`install-tools: pip install schemathesis==${version} into ${path.relative(process.cwd(), venv)}`);
  if (!existsSync(path.join(venv, 'bin', 'pip'))) run(python, ['-m', 'venv', venv]);
  run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${version}`]);
  writeFileSync(stamp, `${version}\n`);
  return binary;
}
