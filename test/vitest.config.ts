import { defineConfig } from 'vitest/config';

// Repository-level checks (the workflows in .github against package.json), kept out of the
// root config's projects so `npm run test:unit` stays about the app; run by `npm run test:repo`
// in the 'workflows' stage.
export default defineConfig({
  test: {
    name: 'repo',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
  },
});
