import type { TestProject } from 'vitest/node';
import { ensure, pinnedRelease } from '../../../scripts/tools/kube-apiserver.mjs';
import { rmSync } from 'node:fs';
import { onInterrupt, runDirectory, startEtcd } from './support/processes.js';

// Once per run: the binaries (built from the Go module proxy on first use, then taken from the
// cache outside the clone) and one etcd that every test API server shares, each under its own prefix.

declare module 'vitest' {
  export interface ProvidedContext {
    kubeApiserver: string;
    etcdUrl: string;
    runDirectory: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const binaries = ensure();
  const built = performance.now();
  const directory = runDirectory();
  const removeDirectory = () => {
    rmSync(directory, { recursive: true, force: true });
  };
  // Also when the run is interrupted (Ctrl-C reaches every process of the group; teardown does not run).
  const forget = onInterrupt(removeDirectory);
  const etcd = await startEtcd(binaries.etcd, directory).catch((error: unknown) => {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  });
  const seconds = (from: number, to: number) => ((to - from) / 1000).toFixed(1);
  console.log(
    `apiserver stage: kube-apiserver ${pinnedRelease('kube-apiserver')} and etcd ${pinnedRelease('etcd')} ready in ${seconds(started, built)}s (built once per version, cached outside the clone); etcd up in ${seconds(built, performance.now())}s`,
  );
  project.provide('kubeApiserver', binaries.kubeApiserver);
  project.provide('etcdUrl', etcd.url);
  project.provide('runDirectory', directory);
  return async () => {
    await etcd.stop();
    removeDirectory();
    forget();
  };
}
