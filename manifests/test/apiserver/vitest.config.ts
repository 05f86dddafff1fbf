import { defineConfig } from 'vitest/config';

// The API-server stage (`npm run check:apiserver`), apart from `npm run test:unit` because it needs
// kube-apiserver and etcd built (scripts/tools/kube-apiserver.mjs). Files run one after another:
// each starts API servers, and the machine's cores are better spent on one at a time.
export default defineConfig({
  test: {
    name: 'apiserver',
    root: import.meta.dirname,
    include: ['*.test.ts'],
    globalSetup: ['global-setup.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
