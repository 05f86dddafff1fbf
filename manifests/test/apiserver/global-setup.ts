import type { TestProject } from 'vitest/node';
import { ensure } from '../../../scripts/tools/kube-apiserver.mjs';
import { startEtcd } from './support/processes.js';

// Once per run: the binaries (built from the Go module proxy on first use, then taken from the
// cache outside the clone) and one etcd that every test API server shares, each under its own prefix.

declare module 'vitest' {
  export interface ProvidedContext {
    kubeApiserver: string;
    etcdUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const binaries = ensure();
  const etcd = await startEtcd(binaries.etcd);
  console.log(`apiserver stage: binaries ready and etcd up in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  project.provide('kubeApiserver', binaries.kubeApiserver);
  project.provide('etcdUrl', etcd.url);
  return () => etcd.stop();
}
