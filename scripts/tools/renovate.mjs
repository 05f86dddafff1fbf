// Renovate, only for its config validator (`npm run renovate:validate`). Installed into
// .tools/renovate rather than devDependencies: it is about 340 MB and no test imports it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { run, toolsDir } from './lib.mjs';

export const name = 'renovate';
// renovate: datasource=npm depName=renovate
export const version = '44.94.0';

const prefix = path.join(toolsDir, 'renovate');
export const validator = path.join(prefix, 'node_modules', '.bin', 'renovate-config-validator');
const installedManifest = path.join(prefix, 'node_modules', 'renovate', 'package.json');

function installedVersion() {
  if (!existsSync(installedManifest)) return undefined;
  const manifest = /** @type {{ version?: string }} */ (JSON.parse(readFileSync(installedManifest, 'utf8')));
  return manifest.version;
}

/** Whether Renovate's optional native regular-expression engine was built for this install. */
export function hasRe2() {
  return existsSync(path.join(prefix, 'node_modules', 're2', 'build', 'Release', 're2.node'));
}

export function ensure() {
  if (existsSync(validator) && installedVersion() === version) return validator;
  console.log(`install-tools: npm install renovate@${version} into ${path.relative(process.cwd(), prefix)} (large, takes a while)`);
  run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--omit=dev', `renovate@${version}`]);
  return validator;
}
