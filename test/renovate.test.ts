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

/** Every regular expression in renovate.json: file patterns (between slashes) and match strings. */
function allPatterns(): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (key === 'matchStrings' || (/Patterns?$|^match(?:DepNames|PackageNames|CurrentValue)$/.test(key) && /^\/.*\/$/.test(value))) found.push(value);
    } else if (Array.isArray(value)) for (const item of value) walk(item, key);
    else if (value !== null && typeof value === 'object') for (const [child, item] of Object.entries(value)) walk(item, child);
  };
  walk(JSON.parse(read('renovate.json')), '');
  return found;
}

/** What RE2, the engine Renovate uses where it can, refuses and JavaScript accepts. */
function re2Unsupported(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookaround';
  if (/\\[1-9]/.test(pattern)) return 'backreference';
  return undefined;
}

describe('renovate.json patterns', () => {
  it('recognises what RE2 refuses', () => {
    expect(re2Unsupported('^(?!foo)bar$')).toBe('lookaround');
    expect(re2Unsupported('(?<=v)\\d+')).toBe('lookaround');
    expect(re2Unsupported('(a)\\1')).toBe('backreference');
    expect(re2Unsupported('ARG NODE_VERSION=(?<currentValue>\\d+\\.\\d+\\.\\d+)')).toBeUndefined();
  });

  it('stay within RE2, so they mean the same where Renovate runs with its native engine', () => {
    const patterns = allPatterns();
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.flatMap((pattern) => { const problem = re2Unsupported(pattern); return problem ? [`${problem}: ${pattern}`] : []; })).toEqual([]);
  });
});

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

// The API-server stage builds kube-apiserver and etcd in wrapper modules (scripts/tools/<binary>/go.mod)
// found by Renovate's gomod manager. Renovate skips requirements marked `// indirect` (which Go
// writes for a module only a `tool` directive uses) unless a packageRule enables them, and would
// update each `replace` line on its own: these tests apply renovate.json's gomod rules the way
// Renovate merges packageRules (in order, later wins) to each dependency of those files.
interface PackageRule {
  matchManagers?: string[];
  matchFileNames?: string[];
  matchDepNames?: string[];
  matchDepTypes?: string[];
  enabled?: boolean;
  groupName?: string;
  postUpdateOptions?: string[];
}
const packageRules = (JSON.parse(read('renovate.json')) as { packageRules: PackageRule[] }).packageRules;

function glob(pattern: string): RegExp {
  const source = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\0/g, '.*');
  // eslint-disable-next-line security/detect-non-literal-regexp -- patterns from renovate.json in this repository, escaped above
  return new RegExp(`^${source}$`);
}

interface GoDependency {
  name: string;
  version: string;
  depType: 'require' | 'indirect' | 'replace';
}

function goDependencies(file: string): GoDependency[] {
  const lines = read(file)
    .split('\n')
    .map((line) => line.trim().replace(/^require /, ''));
  const requires = lines.flatMap((line) => {
    const m = /^([\w./-]+) (v[\w.+-]+)( \/\/ indirect)?$/.exec(line);
    return m ? [{ name: m[1] ?? '', version: m[2] ?? '', depType: m[3] ? ('indirect' as const) : ('require' as const) }] : [];
  });
  const replaces = lines.flatMap((line) => {
    const m = /^([\w./-]+) => ([\w./-]+) (v[\w.+-]+)$/.exec(line);
    if (!m) return [];
    expect(m[2], `${file}: ${m[1] ?? ''} must be replaced by a release of the same module`).toBe(m[1]);
    return [{ name: m[1] ?? '', version: m[3] ?? '', depType: 'replace' as const }];
  });
  return [...requires, ...replaces];
}

function effectiveRule(file: string, dependency: GoDependency): PackageRule {
  const base: PackageRule = { enabled: dependency.depType !== 'indirect' };
  return packageRules
    .filter((rule) => (rule.matchManagers ?? ['gomod']).includes('gomod'))
    .filter((rule) => rule.matchManagers !== undefined || rule.matchFileNames !== undefined)
    .filter((rule) => rule.matchFileNames?.some((pattern) => glob(pattern).test(file)) ?? true)
    .filter((rule) => rule.matchDepNames?.some((pattern) => glob(pattern).test(dependency.name)) ?? true)
    .filter((rule) => rule.matchDepTypes?.includes(dependency.depType) ?? true)
    .reduce<PackageRule>((merged, rule) => ({ ...merged, ...rule }), base);
}

describe('renovate.json and the Go wrapper modules of the API-server stage', () => {
  it('updates k8s.io/kubernetes in scripts/tools/kube-apiserver/go.mod in one PR with every staging replace line, all at its minor and patch', () => {
    const file = 'scripts/tools/kube-apiserver/go.mod';
    const dependencies = goDependencies(file);
    const kubernetes = dependencies.find((d) => d.name === 'k8s.io/kubernetes');
    expect(kubernetes).toMatchObject({ depType: 'indirect', version: expect.stringMatching(/^v1\.\d+\.\d+$/) as unknown });
    const staging = dependencies.filter((d) => d.depType === 'replace');
    expect(staging.length).toBeGreaterThan(20);
    for (const replace of staging) {
      expect(replace.name).toMatch(/^k8s\.io\//);
      expect(`${replace.name} ${replace.version}`).toBe(`${replace.name} ${(kubernetes?.version ?? '').replace(/^v1\./, 'v0.')}`);
    }
    const rules = [kubernetes, ...staging].map((d) => ({ name: d?.name, ...effectiveRule(file, d as GoDependency) }));
    for (const rule of rules) expect(rule).toMatchObject({ enabled: true, groupName: 'kube-apiserver', postUpdateOptions: ['gomodTidy'] });
    // Every other requirement is Go's bookkeeping, moved only by `go mod tidy` after the bump.
    const others = dependencies.filter((d) => d.depType === 'indirect' && d.name !== 'k8s.io/kubernetes');
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect({ name: other.name, enabled: effectiveRule(file, other).enabled }).toEqual({ name: other.name, enabled: false });
  });

  it('updates go.etcd.io/etcd/server/v3 in scripts/tools/etcd/go.mod, and nothing else there', () => {
    const file = 'scripts/tools/etcd/go.mod';
    const dependencies = goDependencies(file);
    const enabled = dependencies.filter((d) => effectiveRule(file, d).enabled);
    expect(enabled).toEqual([{ name: 'go.etcd.io/etcd/server/v3', depType: 'indirect', version: expect.stringMatching(/^v3\.\d+\.\d+$/) as unknown }]);
  });

  it('builds the versions those go.mod files pin (the installer reads them there)', async () => {
    const installer = await import('../scripts/tools/kube-apiserver.mjs');
    expect(installer.pinnedRelease('kube-apiserver')).toBe(goDependencies('scripts/tools/kube-apiserver/go.mod').find((d) => d.name === 'k8s.io/kubernetes')?.version);
    expect(installer.pinnedRelease('etcd')).toBe(goDependencies('scripts/tools/etcd/go.mod').find((d) => d.name === 'go.etcd.io/etcd/server/v3')?.version);
  });
});
