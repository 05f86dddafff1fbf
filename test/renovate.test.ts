import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Renovate's full run needs Node 24 and the network; its validator checks the config's shape
// but not whether the custom managers' patterns find anything. This test does that part,
// with the same ECMAScript regular expressions and flags ('g') Renovate applies.
const root = path.resolve(import.meta.dirname, '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

interface CustomManager {
  managerFilePatterns: string[];
  matchStrings: string[];
}
const config = JSON.parse(read('renovate.json')) as { customManagers: CustomManager[]; argocd: { managerFilePatterns: string[] } };

function fileRegex(pattern: string): RegExp {
  expect(pattern).toMatch(/^\/.*\/$/);
  // eslint-disable-next-line security/detect-non-literal-regexp -- the patterns come from renovate.json in this repository
  return new RegExp(pattern.slice(1, -1));
}

function extract(file: string): Record<string, string>[] {
  const content = read(file);
  return config.customManagers
    .filter((manager) => manager.managerFilePatterns.some((pattern) => fileRegex(pattern).test(file)))
    .flatMap((manager) =>
      manager.matchStrings.flatMap((source) =>
        // eslint-disable-next-line security/detect-non-literal-regexp -- as above
        [...content.matchAll(new RegExp(source, 'g'))].map((match) => ({ ...match.groups })),
      ),
    );
}

describe('renovate.json custom managers', () => {
  const tools = readdirSync(path.join(root, 'scripts', 'tools')).filter((file) => file.endsWith('.mjs') && file !== 'lib.mjs');

  it.each(tools.filter((file) => read(`scripts/tools/${file}`).includes('export const version')))('find the pinned version in scripts/tools/%s', (file) => {
    const source = read(`scripts/tools/${file}`);
    const pinned = /export const version = '([^']+)';/.exec(source)?.[1];
    const found = extract(`scripts/tools/${file}`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ currentValue: pinned });
    expect(found[0]?.datasource).toMatch(/^(go|pypi|npm|github-releases|docker)$/);
    expect(found[0]?.depName).toBeTruthy();
  });

  it('find Node.js in .nvmrc and app/Dockerfile', () => {
    expect(extract('.nvmrc')).toEqual([{ currentValue: read('.nvmrc').trim() }]);
    const dockerfileNode = /^ARG NODE_VERSION=(\S+)$/m.exec(read('app/Dockerfile'))?.[1];
    expect(extract('app/Dockerfile')).toEqual([{ currentValue: dockerfileNode }]);
  });

  it('find the CloudNativePG PostgreSQL image in manifests/src/names.ts, with a versioning that keeps its flavour and Debian base', () => {
    const image = /export const postgresImage = '([^']+)';/.exec(read('manifests/src/names.ts'))?.[1] ?? '';
    const [repository, tag] = image.split(':');
    expect(extract('manifests/src/names.ts')).toEqual([{ depName: repository, currentValue: tag }]);
    const manager = config.customManagers.find((m) => m.managerFilePatterns.some((pattern) => fileRegex(pattern).test('manifests/src/names.ts'))) as CustomManager & { versioningTemplate: string };
    const versioning = /^regex:(.*)$/.exec(manager.versioningTemplate)?.[1] ?? '';
    // eslint-disable-next-line security/detect-non-literal-regexp -- from renovate.json in this repository
    const parts = new RegExp(versioning).exec(tag ?? '')?.groups;
    expect(parts).toMatchObject({ major: '17', compatibility: expect.stringMatching(/^(minimal|standard)-(trixie|bookworm)$/) as unknown });
    // Not a deprecated rolling tag (bare 17.x, bullseye).
    expect(tag).toMatch(/-/);
    expect(tag).not.toContain('bullseye');
  });

  it('find the Argo CD release in the bootstrap (argocd/README.md) and in argocdInstallVersion, the same in both', () => {
    const inReadme = extract('argocd/README.md');
    const inSource = extract('manifests/src/argocd/platform.ts');
    expect(inReadme).toHaveLength(1);
    expect(inSource).toEqual(inReadme);
    expect(inReadme[0]?.currentValue).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it('pin every GitHub Action by commit with its version in a comment (the form Renovate keeps digest-pinned)', () => {
    const workflows = readdirSync(path.join(root, '.github', 'workflows')).filter((file) => /\.ya?ml$/.test(file));
    const uses = workflows.flatMap((file) =>
      read(`.github/workflows/${file}`)
        .split('\n')
        .map((line) => line.trim().replace(/^- /, ''))
        .filter((line) => line.startsWith('uses:'))
        .map((line) => {
          const [ref = '', ...rest] = line.slice('uses:'.length).trim().split(' ');
          return { file, ref, rest: rest.length > 0 ? ` ${rest.join(' ')}` : '' };
        }),
    );
    expect(uses.length).toBeGreaterThan(10);
    for (const { file, ref, rest } of uses) {
      if (ref.startsWith('./')) continue;
      expect(`${file}: ${ref}${rest}`).toMatch(/: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('point the argocd manager at every platform add-on', () => {
    // One folder per environment's cluster: argocd/platform/<env>/<add-on>.yaml.
    const platform = readdirSync(path.join(root, 'argocd', 'platform')).flatMap((cluster) => readdirSync(path.join(root, 'argocd', 'platform', cluster)).map((file) => `argocd/platform/${cluster}/${file}`));
    expect(platform.length).toBeGreaterThan(0);
    for (const file of platform) {
      expect(config.argocd.managerFilePatterns.some((pattern) => fileRegex(pattern).test(file))).toBe(true);
      // Renovate's argocd manager reads spec.source.chart/repoURL/targetRevision of Applications.
      expect(read(file)).toMatch(/apiVersion: argoproj\.io\/v1alpha1[\s\S]*chart: \S+[\s\S]*targetRevision: \S+/);
    }
  });
});
