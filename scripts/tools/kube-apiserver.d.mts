// Types of kube-apiserver.mjs for the TypeScript that starts the binaries (manifests/test/apiserver).
export declare const name: string;
export declare function pinnedRelease(binary: 'kube-apiserver' | 'etcd'): string;
export declare function binaryPath(binary: 'kube-apiserver' | 'etcd'): string;
export declare function ensure(): { kubeApiserver: string; etcd: string };
