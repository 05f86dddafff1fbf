#!/usr/bin/env node
// Installs the machine tools the tests need when they are missing. Versions are pinned here
// (Renovate's custom manager updates them); Go and pip tools go to .tools/ inside the
// repository, system packages come from the distribution. Idempotent.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(' ')}\` failed with ${result.status}`);
}

let aptUpdated = false;
function aptInstall(packages) {
  if (process.getuid?.() !== 0 && !has('sudo')) throw new Error(`install ${packages.join(' ')} with your package manager`);
  const prefix = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(prefix.length ? ['apt-get'] : []), 'update', '-qq'], { env });
    aptUpdated = true;
  }
  run(prefix[0] ?? 'apt-get', [...prefix.slice(1), ...(prefix.length ? ['apt-get'] : []), 'install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

function postgresBinDir() {
  const result = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

// PostgreSQL server binaries (initdb, pg_ctl) for the integration suite's throwaway cluster.
function ensurePostgres() {
  const bin = postgresBinDir();
  if (bin && existsSync(`${bin}/initdb`) && existsSync(`${bin}/pg_ctl`)) return;
  console.log('install-tools: installing PostgreSQL server binaries');
  aptInstall(['postgresql', 'postgresql-client']);
}

try {
  ensurePostgres();
} catch (error) {
  console.error(`install-tools: ${error.message}`);
  process.exit(1);
}
