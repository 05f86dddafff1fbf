import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// There is no Docker engine where the tests run, so the Dockerfile's contract is checked by
// reading it: what the image build relies on must stay true as the repository changes.
const root = path.resolve(import.meta.dirname, '../../../..');
const dockerfile = readFileSync(path.join(root, 'app/Dockerfile'), 'utf8');
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] };

describe('app/Dockerfile', () => {
  it('copies the package.json of every workspace before npm ci, so the lockfile check passes', () => {
    const ciLine = dockerfile.indexOf('RUN npm ci');
    for (const workspace of rootPackage.workspaces) {
      const copy = dockerfile.indexOf(`COPY ${workspace}/package.json ${workspace}/`);
      expect(copy, `COPY ${workspace}/package.json`).toBeGreaterThan(-1);
      expect(copy).toBeLessThan(ciLine);
    }
  });

  it('builds on the Node.js release of .nvmrc, the one npm test and npm start run on', () => {
    const nvmrc = readFileSync(path.join(root, '.nvmrc'), 'utf8').trim();
    const version = /^ARG NODE_VERSION=(\d+\.\d+\.\d+)$/m.exec(dockerfile)?.[1];
    expect(version).toBe(nvmrc);
  });

  it('runs as a numeric non-root user with production dependencies only', () => {
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    expect(finalStage).toMatch(/^USER 10001:10001$/m);
    expect(dockerfile).toContain('--omit=dev');
    expect(finalStage).not.toMatch(/npm (ci|install)/);
  });

  it('ships what the server reads at run time: compiled code, migrations and the stylesheet', () => {
    for (const folder of ['dist', 'migrations', 'public']) expect(dockerfile).toContain(`/src/app/${folder} ./${folder}`);
    // The tracing preload must load before the server's modules (it instruments them), and it
    // is compiled from app/src like the server.
    expect(dockerfile).toMatch(/^CMD \["node", "--enable-source-maps", "--import", "\.\/dist\/observability\/tracing\.js", "dist\/cli\/serve\.js"\]$/m);
    expect(existsSync(path.join(root, 'app/src/observability/tracing.ts'))).toBe(true);
    // The process entry the CMD names, compiled from app/src/cli like the other commands.
    expect(existsSync(path.join(root, 'app/src/cli/serve.ts'))).toBe(true);
  });
});
