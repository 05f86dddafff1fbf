import { execFile as execFileCb, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const execFile = promisify(execFileCb);

// A throwaway PostgreSQL server for the integration suite and the tools (bench, fuzz, load):
// initdb into a temp folder, pg_ctl start on a free loopback port, and everything removed on
// stop. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user
// that Debian's packages create.

export interface PostgresCluster {
  url(database: string): string;
  port: number;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
  /** Fault injection: `pg_ctl stop -m immediate` (a crash: no checkpoint, every session cut), files kept. */
  crash(): Promise<void>;
  /** Starts the server again on the same port and data directory; resolves once it accepts connections. */
  restart(): Promise<void>;
  /** Fault injection: SIGSTOP to the postmaster and every backend, a server that hangs without closing a socket. */
  freeze(): Promise<number[]>;
  /** SIGCONT to the processes `freeze()` stopped. */
  thaw(): void;
}

/** Pids of the direct children of `parent`, from /proc (Linux). */
function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses; the fields after its last ')' do not.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent) pids.push(Number(entry));
    } catch {
      // the process exited while we looked
    }
  }
  return pids;
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

export interface ClusterOptions {
  /**
   * Wait for the WAL write on commit (synchronous_commit=on). The suite's default (off) is
   * faster, but a crash (`crash()`) then loses the last commits the server already
   * acknowledged, which a fault test must not mistake for the shop losing orders. fsync stays
   * off either way: the operating system, which holds the written WAL, does not crash.
   */
  durableCommits?: boolean;
}

export async function startPostgresCluster(clusterOptions: ClusterOptions = {}): Promise<PostgresCluster> {
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
  const options = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=${clusterOptions.durableCommits === true ? 'on' : 'off'} -c full_page_writes=off -c max_connections=200`;
  const start = () => runAs(root, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-o', options, '-l', path.join(base, 'server.log'), '-w', '-t', '30', 'start']);
  const crash = () => runAs(root, path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  await start();
  let frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // already gone
      }
    }
    frozen = [];
  };
  const freeze = async () => {
    const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    // The postmaster first, so it cannot fork a backend we would miss.
    process.kill(postmaster, 'SIGSTOP');
    frozen = [postmaster];
    for (const pid of childPids(postmaster)) {
      process.kill(pid, 'SIGSTOP');
      frozen.push(pid);
    }
    return [...frozen];
  };
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    thaw();
    try {
      if (existsSync(path.join(dataDir, 'postmaster.pid'))) await crash();
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  // If the test process dies before teardown, do not leave a server behind.
  process.once('exit', () => {
    if (!stopped) {
      thaw();
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
    crash,
    restart: start,
    freeze,
    thaw,
  };
}
