import { configDefaults, defineConfig } from 'vitest/config';

// The app's integration suite runs twice: on embedded PGlite and on a real PostgreSQL server
// that the suite starts itself. Unit tests (no database) run once.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'app-unit',
          root: './app',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'app-process',
          root: './app',
          include: ['test/process/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-build.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'app-pglite',
          root: './app',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-pglite.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'app-postgres',
          root: './app',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup-postgres.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The e2e report tooling (its Playwright journeys run through `npm run e2e`).
          name: 'e2e-summary',
          root: './e2e',
          include: ['summary/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'environments',
          root: './environments',
          include: ['test/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'manifests',
          root: './manifests',
          include: ['test/**/*.test.ts'],
          // The API-server stage has its own config and script (npm run check:apiserver).
          exclude: [...configDefaults.exclude, 'test/apiserver/**'],
        },
      },
      {
        test: {
          name: 'promote',
          root: './promote',
          include: ['test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
