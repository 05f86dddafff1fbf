import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ApiClient } from './client.js';

// etcd and kube-apiserver as child processes on loopback, each in a temporary folder that goes
// with it, inside the run's folder (global-setup.ts removes it at the end). Every started process
// is stopped by stop(); should the runner leave without calling it (a failure, Ctrl-C), the
// process is killed and its folder removed on exit or on the signal. A test worker can also be
// killed outright (SIGKILL), which runs no handler: on Linux each server is therefore started
// through util-linux's setpriv with a parent-death signal, so the kernel ends it with its worker.

/** Each running child and the temporary folder it owns. */
const running = new Map<ChildProcess, string>();

/** Other clean-ups for an interrupted run (the run's folder). */
const cleanUps = new Set<() => void>();

/** Runs `cleanUp` should the process exit or be interrupted before the returned function is called. */
export function onInterrupt(cleanUp: () => void): () => void {
  cleanUps.add(cleanUp);
  return () => cleanUps.delete(cleanUp);
}

function killAll(): void {
  for (const [child, directory] of running) {
    child.kill('SIGKILL');
    rmSync(directory, { recursive: true, force: true });
  }
  running.clear();
  for (const cleanUp of cleanUps) cleanUp();
  cleanUps.clear();
}

process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    // Alone, this listener would swallow the signal: re-raise it for the default behaviour.
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

interface Started {
  readonly child: ChildProcess;
  readonly log: () => string;
}

const setpriv = (process.env.PATH ?? '')
  .split(path.delimiter)
  .map((directory) => path.join(directory, 'setpriv'))
  .find((candidate) => process.platform === 'linux' && path.isAbsolute(candidate) && existsSync(candidate));

function start(binary: string, args: string[], directory: string): Started {
  const chunks: Buffer[] = [];
  // setpriv sets the signal and execs the binary: the child keeps its pid, so kill() reaches the server itself.
  const [command, commandArgs] = setpriv ? [setpriv, ['--pdeathsig', 'SIGKILL', '--', binary, ...args]] : [binary, args];
  // nosemgrep: child-process-non-literal-command -- the etcd/kube-apiserver path scripts/tools/kube-apiserver.mjs built, or setpriv from PATH running it; arguments are an array, no shell
  const child = spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.set(child, directory);
  child.once('exit', () => {
    running.delete(child);
  });
  const keep = (chunk: Buffer) => {
    chunks.push(chunk);
    // Only the tail matters for a failure message; a chatty server must not grow without bound.
    while (chunks.length > 2000) chunks.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, log: () => Buffer.concat(chunks).toString('utf8').split('\n').slice(-25).join('\n') };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => { resolve(); }));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitFor(what: string, started: Started, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`${what} exited with code ${String(started.child.exitCode)}:\n${started.log()}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready in ${String(timeoutMs / 1000)}s:\n${started.log()}`);
}

export interface Etcd {
  readonly url: string;
  stop(): Promise<void>;
}

/** The folder a run's servers keep their files in (removed by the caller at the end). */
export function runDirectory(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'apiserver-stage-'));
}

export async function startEtcd(binary: string, parent: string): Promise<Etcd> {
  const directory = mkdtempSync(path.join(parent, 'etcd-'));
  const [clientPort, peerPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${String(clientPort)}`;
  const peer = `http://127.0.0.1:${String(peerPort)}`;
  const started = start(
    binary,
    [
      '--name=stage',
      `--data-dir=${path.join(directory, 'data')}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=stage=${peer}`,
      '--log-level=warn',
      // A throwaway store: durability buys nothing and fsync costs seconds on a busy disk.
      '--unsafe-no-fsync',
    ],
    directory,
  );
  try {
    await waitFor('etcd', started, async () => (await fetch(`${url}/health`, { signal: AbortSignal.timeout(2000) })).ok, 30_000);
  } catch (error) {
    await stopProcess(started.child);
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  return {
    url,
    async stop() {
      await stopProcess(started.child);
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

export interface ApiServer {
  readonly client: ApiClient;
  stop(): Promise<void>;
}

/** A kube-apiserver on loopback storing under its own etcd prefix, so several can share one etcd. */
export async function startApiServer(binary: string, etcdUrl: string, prefix: string, parent: string): Promise<ApiServer> {
  const directory = mkdtempSync(path.join(parent, `${prefix}-`));
  const certDirectory = path.join(directory, 'certs');
  mkdirSync(certDirectory);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = path.join(directory, 'sa.key');
  const verifyKey = path.join(directory, 'sa.pub');
  writeFileSync(signingKey, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  writeFileSync(verifyKey, publicKey.export({ type: 'spki', format: 'pem' }));
  // The test client's identity: a static token of a system:masters user (RBAC lets it do anything).
  const token = randomBytes(24).toString('hex');
  const tokenFile = path.join(directory, 'tokens.csv');
  writeFileSync(tokenFile, `${token},stage-admin,stage-admin,"system:masters"\n`, { mode: 0o600 });
  const port = await freePort();
  const started = start(
    binary,
    [
      `--etcd-servers=${etcdUrl}`,
      `--etcd-prefix=/${prefix}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${String(port)}`,
      `--cert-dir=${certDirectory}`,
      `--token-auth-file=${tokenFile}`,
      '--authorization-mode=RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${verifyKey}`,
      `--service-account-signing-key-file=${signingKey}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // The kubernetes Service's endpoints cannot point at loopback, and nothing here needs them.
      '--endpoint-reconciler-type=none',
      // As in a real cluster, privileged containers are a matter for Pod Security admission, not
      // for the API server's own switch: a privileged pod must be refused by PodSecurity.
      '--allow-privileged=true',
      '--profiling=false',
      '--v=0',
    ],
    directory,
  );
  const stop = async () => {
    await stopProcess(started.child);
    rmSync(directory, { recursive: true, force: true });
  };
  try {
    // The self-signed serving certificate appears once the server has generated it.
    let client: ApiClient | undefined;
    await waitFor(
      'kube-apiserver',
      started,
      async () => {
        client ??= new ApiClient(port, token, readFileSync(path.join(certDirectory, 'apiserver.crt'), 'utf8'));
        return (await client.call('GET', '/readyz')).status === 200;
      },
      120_000,
    );
    if (!client) throw new Error('kube-apiserver: no client');
    return { client, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
