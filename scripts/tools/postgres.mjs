// PostgreSQL server binaries (initdb, pg_ctl) for the throwaway clusters of the integration
// suite, the benchmark and the load test. The distribution's version is fine: the SQL is
// written for PostgreSQL 15 and newer.
import { existsSync } from 'node:fs';
import { aptInstall, output } from './lib.mjs';

export const name = 'postgresql';

export function ensure() {
  const bin = output('pg_config', ['--bindir']);
  if (bin && existsSync(`${bin}/initdb`) && existsSync(`${bin}/pg_ctl`)) return;
  console.log('install-tools: installing PostgreSQL server binaries');
  aptInstall(['postgresql', 'postgresql-client']);
}
