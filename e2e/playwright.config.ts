import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { makeLocalSecrets } from '@storefront/app/harness';

// Two modes. Without BASE_URL the suite starts the compiled shop (`npm run e2e` builds it
// first) on a fresh PGlite database with the seed catalog and runs every journey. With
// BASE_URL it targets that deployment and runs the selection E2E_GREP / E2E_GREP_INVERT name
// (regular expressions over titles and tags). verify.yml sets both from the environment's
// `verification.writes` (`promote deployed`): `@smoke|@writes` on dev and stage, `@smoke` minus
// `@writes` on prod. Without E2E_GREP the selection is that read-only one, so a run against a
// deployment never writes unless asked to.

const baseUrlFromEnv = process.env.BASE_URL?.replace(/\/+$/, '');
const targetsDeployment = baseUrlFromEnv !== undefined && baseUrlFromEnv !== '';
const isCI = Boolean(process.env.CI);

function selectionPattern(name: string, source: string): RegExp {
  try {
    // eslint-disable-next-line security/detect-non-literal-regexp -- the operator's own selection, run against the operator's own test titles
    return new RegExp(source);
  } catch (error) {
    // An operator's mistake in a variable: the line that says so, not a stack trace.
    console.error(`e2e: ${name} is not a regular expression: ${JSON.stringify(source)} (${(error as Error).message})`);
    process.exit(2);
  }
}

// A selection given is taken whole: E2E_GREP without E2E_GREP_INVERT excludes nothing.
const selectionGiven = Boolean(process.env.E2E_GREP);
const deploymentGrep = selectionPattern('E2E_GREP', process.env.E2E_GREP || '@smoke');
const deploymentGrepInvertSource = selectionGiven ? process.env.E2E_GREP_INVERT ?? '' : '@writes';
const deploymentGrepInvert = deploymentGrepInvertSource ? selectionPattern('E2E_GREP_INVERT', deploymentGrepInvertSource) : undefined;

// Fixed rather than random so the config, read again in every worker process, names the same
// server; chosen away from the app's defaults (3000, 9464) so a running `npm start` is no clash.
const port = Number(process.env.E2E_PORT ?? 4310);
const localUrl = `http://127.0.0.1:${port}`;

// This file is evaluated in the runner and again in each worker; workers inherit the runner's
// environment, so values stored there on the first evaluation are the same everywhere. The
// admin password exists only for this run (the app's harness makes it up with the session
// secret): the server gets its scrypt hash, tests the password.
function localServerSecrets(): { SESSION_SECRET: string; ADMIN_PASSWORD_HASH: string } {
  if (process.env.E2E_ADMIN_PASSWORD_HASH === undefined || process.env.E2E_SESSION_SECRET === undefined) {
    const secrets = makeLocalSecrets({ ...(process.env.E2E_ADMIN_PASSWORD === undefined ? {} : { adminPassword: process.env.E2E_ADMIN_PASSWORD }) });
    process.env.E2E_ADMIN_PASSWORD ??= secrets.adminPassword;
    process.env.E2E_ADMIN_PASSWORD_HASH ??= secrets.env.ADMIN_PASSWORD_HASH;
    process.env.E2E_SESSION_SECRET ??= secrets.env.SESSION_SECRET;
  }
  return { SESSION_SECRET: process.env.E2E_SESSION_SECRET, ADMIN_PASSWORD_HASH: process.env.E2E_ADMIN_PASSWORD_HASH };
}

// Debian's Chromium where Playwright's own build cannot be downloaded (scripts/tools/chromium.mjs
// installs one or the other). The flags keep it from calling home on a closed network.
const systemChromium = '/usr/bin/chromium';
const runsAsRoot = process.getuid?.() === 0;
const launchOptions = existsSync(systemChromium)
  ? {
      executablePath: systemChromium,
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        // Chromium's sandbox refuses to start as root (containers, CI images).
        ...(runsAsRoot ? ['--no-sandbox'] : []),
      ],
    }
  : {};

// Phones run the shopper's journeys (@catalog, @cart, @checkout), each a Chromium emulating the
// device's viewport, pixel ratio, touch and user agent (Playwright's iPhone profile names WebKit,
// which is not installed here; layout is what differs between sizes, not the engine). The admin
// area is a desktop tool, and the tests tagged @desktop say nothing more on a small screen (the
// server's answers to edge cases, JavaScript off, the API, checks that set their own 320 px
// width), so phones skip both and the e2e stage stays short on two cores. Against a deployment
// a phone runs the shopper's journeys within the deployment's selection, like the desktop project.
const shopperTags = /@(?:catalog|cart|checkout)\b/;
// eslint-disable-next-line security/detect-non-literal-regexp -- built from the two patterns above
const phoneGrep = targetsDeployment ? new RegExp(`^(?=.*(?:${deploymentGrep.source}))(?=.*${shopperTags.source})`) : shopperTags;
// eslint-disable-next-line security/detect-non-literal-regexp -- as above
const phoneGrepInvert = new RegExp([/@(?:admin|desktop)\b/.source, ...(targetsDeployment && deploymentGrepInvert ? [deploymentGrepInvert.source] : [])].map((source) => `(?:${source})`).join('|'));
const phoneOnly = { grep: phoneGrep, grepInvert: phoneGrepInvert };

const sizes = [
  { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } },
  { name: 'pixel-7', use: { ...devices['Pixel 7'], browserName: 'chromium' as const }, ...phoneOnly },
  { name: 'iphone-13', use: { ...devices['iPhone 13'], browserName: 'chromium' as const }, ...phoneOnly },
];

// The key pages compared pixel by pixel at each size (e2e/visual). They need the seed catalog as
// it is before any journey buys or edits, so locally each size's visual project runs first and
// that size's journeys wait for it; against a deployment, whose data is its own, they never run.
// Visual projects come last in the list so the journeys' project slots stay 0, 1 and 2.
const visualDir = 'visual';
function visualProject(size: (typeof sizes)[number]) {
  return { ...size, name: `${size.name}-visual`, testMatch: `${visualDir}/**/*.spec.ts` };
}

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  // A layout change moves far more than 1 % of a page's pixels; anti-aliasing moves far fewer.
  expect: { timeout: 10_000, toHaveScreenshot: { maxDiffPixelRatio: 0.01 } },
  ...(targetsDeployment ? { grep: deploymentGrep, ...(deploymentGrepInvert ? { grepInvert: deploymentGrepInvert } : {}) } : {}),
  reporter: [
    [isCI ? 'github' : 'list'],
    ['html', { outputFolder: 'report', open: 'never' }],
    // What `npm run e2e:summary` turns into the job summary and the pull request comment.
    ...(isCI ? [['json', { outputFile: 'results.json' }] as const] : []),
  ],
  use: {
    baseURL: targetsDeployment ? baseUrlFromEnv : localUrl,
    // QA reads a passing test's evidence too: on CI every test keeps its trace (actions, DOM
    // snapshots, network, console); locally only failures do, to keep runs light.
    trace: isCI ? 'on' : 'retain-on-failure',
    // The end state of every test, whole page, attached to the report ("test-finished-1.png").
    screenshot: { mode: 'on', fullPage: true },
    video: 'retain-on-failure',
    launchOptions,
  },
  // Screenshots compared with committed baselines (`npm run e2e:baselines` writes them anew).
  snapshotPathTemplate: '{testDir}/visual/baselines/{arg}-{projectName}{ext}',
  projects: targetsDeployment
    ? sizes.map((size) => ({ ...size, testIgnore: `${visualDir}/**` }))
    : [...sizes.map((size) => ({ ...size, testIgnore: `${visualDir}/**`, dependencies: [`${size.name}-visual`] })), ...sizes.map(visualProject)],
  ...(targetsDeployment
    ? {}
    : {
        webServer: {
          command: 'node e2e/support/web-server.mjs',
          cwd: path.resolve(import.meta.dirname, '..'),
          url: `${localUrl}/readyz`,
          // Another process on the port would be tested instead of this build: fail instead.
          reuseExistingServer: false,
          timeout: 120_000,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 15_000 },
          stdout: 'ignore',
          stderr: 'pipe',
          env: {
            PORT: String(port),
            METRICS_PORT: String(port + 1),
            ...localServerSecrets(),
            // Two browsers click faster than any customer; the limits are tested elsewhere.
            RATE_LIMIT_MAX: '1000000',
            LOGIN_RATE_LIMIT_MAX: '1000',
            LOG_LEVEL: 'error',
          },
        },
      }),
});
