// kube-apiserver and etcd for the API-server stage (`npm run check:apiserver`), built from the Go
// module proxy because the network here reaches it but not GitHub's release downloads.
// Kubernetes' and etcd's own go.mod files replace their sibling modules with local folders, so
// `go install module@version` refuses them: each is built inside a small wrapper module
// (scripts/tools/kube-apiserver/go.mod, scripts/tools/etcd/go.mod) that requires the release and,
// for Kubernetes, replaces each staging module with its matching v0.x release. Renovate's gomod
// manager bumps those go.mod files; the version here is read from them.
// The binaries are cached outside the clone, keyed by version and go.sum, because CI runs each
// build in a fresh clone: KUBE_APISERVER_CACHE_DIR, else $XDG_CACHE_HOME or ~/.cache.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { has, repoRoot, run } from './lib.mjs';

export const name = 'kube-apiserver';

const wrappers = {
  'kube-apiserver': {
    module: 'k8s.io/kubernetes',
    package: 'k8s.io/kubernetes/cmd/kube-apiserver',
    // What Kubernetes' own build stamps in (hack/lib/version.sh): /version and the logs then name the release.
    stamp: (version) => {
      const [, major = '', minor = ''] = /^v(\d+)\.(\d+)\./.exec(version) ?? [];
      return [`k8s.io/component-base/version.gitVersion=${version}`, `k8s.io/component-base/version.gitMajor=${major}`, `k8s.io/component-base/version.gitMinor=${minor}`, 'k8s.io/component-base/version.gitTreeState=clean'];
    },
  },
  // etcd's version is a constant in its source.
  etcd: { module: 'go.etcd.io/etcd/server/v3', package: 'go.etcd.io/etcd/server/v3', stamp: () => [] },
};

function ldflags(binary) {
  return ['-s', '-w', ...wrappers[binary].stamp(pinnedRelease(binary)).flatMap((setting) => ['-X', setting])].join(' ');
}

function wrapperDirectory(binary) {
  return path.join(repoRoot, 'scripts', 'tools', binary);
}

/** The release a wrapper module requires, as its go.mod states it. */
export function pinnedRelease(binary) {
  const { module } = wrappers[binary];
  const goMod = readFileSync(path.join(wrapperDirectory(binary), 'go.mod'), 'utf8');
  const escaped = module.replaceAll('.', '\\.').replaceAll('/', '\\/');
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from the fixed module names above
  const version = new RegExp(`^\\s*(?:require\\s+)?${escaped} (v\\S+)`, 'm').exec(goMod)?.[1];
  if (!version) throw new Error(`scripts/tools/${binary}/go.mod: no requirement on ${module}`);
  return version;
}

function cacheRoot() {
  if (process.env.KUBE_APISERVER_CACHE_DIR) return path.resolve(process.env.KUBE_APISERVER_CACHE_DIR);
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'storefront-gitops');
}

/** Where a wrapper's binary lives: <cache>/<binary>/<version>-<digest of go.mod, go.sum and link flags>/<binary>. */
export function binaryPath(binary) {
  const directory = wrapperDirectory(binary);
  const digest = createHash('sha256')
    .update(readFileSync(path.join(directory, 'go.mod')))
    .update(readFileSync(path.join(directory, 'go.sum')))
    .update(ldflags(binary))
    .digest('hex')
    .slice(0, 12);
  return path.join(cacheRoot(), binary, `${pinnedRelease(binary)}-${digest}`, binary);
}

function build(binary) {
  const target = binaryPath(binary);
  if (existsSync(target)) return target;
  if (!has('go')) throw new Error(`Go is needed to build ${binary} ${pinnedRelease(binary)} (scripts/tools/${binary}/go.mod)`);
  console.log(`install-tools: building ${binary} ${pinnedRelease(binary)} from the Go module proxy into ${path.dirname(target)}`);
  const started = performance.now();
  mkdirSync(path.dirname(target), { recursive: true });
  // Built beside the target and renamed, so an interrupted build never leaves a half binary.
  const partial = `${target}.partial-${process.pid}`;
  run('go', ['build', '-mod=readonly', '-trimpath', `-ldflags=${ldflags(binary)}`, '-o', partial, wrappers[binary].package], {
    cwd: wrapperDirectory(binary),
    env: { ...process.env, CGO_ENABLED: '0' },
  });
  renameSync(partial, target);
  console.log(`install-tools: built ${binary} in ${((performance.now() - started) / 1000).toFixed(0)}s`);
  return target;
}

/** Builds what is missing; returns both binaries' paths. */
export function ensure() {
  return { kubeApiserver: build('kube-apiserver'), etcd: build('etcd') };
}
