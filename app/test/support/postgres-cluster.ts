import { execFile as execFileCb, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './server-process.js';

const execFile = promisify(execFileCb);

// A throwaway PostgreSQL server for the integration suite: initdb into a temp folder, pg_ctl
// start on a free loopback port, and everything removed on stop. PostgreSQL refuses to run as
// root, so as root the server runs as the `postgres` user that Debian's packages create.

export interface PostgresCluster {
  url(database: string): string;
  port: number;
  stop(): Promise<void>;
}

async function binDir(): Promise<string> {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv) return fromEnv;
  try {
    const { stdout } = await execFile('pg_config', ['--bindir']);
    return stdout.trim();
  } catch {
    throw new Error('PostgreSQL server binaries not found: install postgresql (scripts/ensure-deps.mjs does) or set PG_BINDIR');
  }
}

async function runAs(root: boolean, command: string, args: string[]): Promise<void> {
  if (root) await execFile('runuser', ['-u', 'postgres', '--', command, ...args]);
  // nosemgrep: child-process-non-literal-command -- command is initdb/pg_ctl from pg_config --bindir, no shell
  else await execFile(command, args);
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = await binDir();
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(path.join(bin, tool))) throw new Error(`${tool} not found in ${bin}`);
  }
  const root = process.getuid?.() === 0;
  const base = mkdtempSync(path.join(tmpdir(), 'storefront-pg-'));
  const dataDir = path.join(base, 'data');
  if (root) {
    const { stdout } = await execFile('id', ['-u', 'postgres']);
    const { stdout: gid } = await execFile('id', ['-g', 'postgres']);
    chownSync(base, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await runAs(root, path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  await runAs(root, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(base, 'server.log'), '-w', '-t', '30', 'start']);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    try {
      await runAs(root, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  // If the test process dies before teardown, do not leave a server behind.
  process.once('exit', () => {
    if (!stopped) {
      const args = ['-D', dataDir, '-m', 'immediate', 'stop'];
      // nosemgrep: child-process-non-literal-command -- pg_ctl from pg_config --bindir, no shell
      const child = root ? spawn('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args], { stdio: 'ignore', detached: true }) : spawn(path.join(bin, 'pg_ctl'), args, { stdio: 'ignore', detached: true });
      child.unref();
    }
  });
  return {
    port,
    url: (database: string) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop,
  };
}
