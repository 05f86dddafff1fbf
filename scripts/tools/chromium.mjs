// Chromium for the Playwright suite, and the ffmpeg Playwright needs to record videos.
// Playwright's own downloads cannot reach this network, so on Debian the distribution's
// Chromium is used (e2e/playwright.config.ts picks /usr/bin/chromium when it exists) and
// Debian's ffmpeg is linked where Playwright looks for its own build. Elsewhere
// `npx playwright install chromium` fetches both, at the revision matching @playwright/test.
// Nothing is pinned here: the distribution decides Chromium's version, and the lockfile's
// @playwright/test decides the one Playwright downloads.
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { aptInstall, has, repoRoot, run } from './lib.mjs';

export const name = 'chromium';

/** Debian's Chromium; the Playwright config uses it whenever it is present. */
export const systemChromium = '/usr/bin/chromium';

function osRelease() {
  try {
    return readFileSync('/etc/os-release', 'utf8');
  } catch {
    return '';
  }
}

// Ubuntu's `chromium` package is a transitional package for the snap, which does not run in
// containers or CI runners, so only Debian takes the apt route.
function isDebian() {
  return /^ID=("?)debian\1$/m.test(osRelease());
}

/** Where Playwright expects its ffmpeg build (registry directory rules of playwright-core). */
function playwrightFfmpegPath() {
  const require = createRequire(path.join(repoRoot, 'package.json'));
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('playwright-core/package.json'));
  } catch {
    throw new Error('playwright-core is not installed: run `npm ci` first');
  }
  const browsers = JSON.parse(readFileSync(path.join(packageDir, 'browsers.json'), 'utf8')).browsers;
  const ffmpeg = browsers.find((browser) => browser.name === 'ffmpeg');
  if (ffmpeg === undefined) throw new Error(`no ffmpeg entry in ${packageDir}/browsers.json`);
  const configured = process.env.PLAYWRIGHT_BROWSERS_PATH;
  let registry;
  if (configured === '0') registry = path.join(packageDir, '.local-browsers');
  else if (configured) registry = path.resolve(process.env.INIT_CWD ?? process.cwd(), configured);
  else registry = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'ms-playwright');
  return path.join(registry, `ffmpeg-${ffmpeg.revision}`, 'ffmpeg-linux');
}

function linkSystemFfmpeg() {
  if (!existsSync('/usr/bin/ffmpeg')) {
    console.log('install-tools: installing ffmpeg (Playwright records failure videos with it)');
    aptInstall(['ffmpeg']);
  }
  const target = playwrightFfmpegPath();
  if (existsSync(target)) return;
  // A dangling link from an earlier ffmpeg would make existsSync false and symlinkSync throw.
  if (lstatSync(target, { throwIfNoEntry: false }) !== undefined) unlinkSync(target);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync('/usr/bin/ffmpeg', target);
  console.log(`install-tools: linked /usr/bin/ffmpeg to ${target}`);
}

export function ensure() {
  if (!existsSync(systemChromium) && isDebian() && has('apt-get')) {
    console.log('install-tools: installing Chromium from Debian (Playwright cannot download its own here)');
    aptInstall(['chromium']);
  }
  if (existsSync(systemChromium)) {
    linkSystemFfmpeg();
    return;
  }
  // Idempotent and quick when the browser is already in Playwright's cache. --with-deps adds
  // the shared libraries on Linux, through sudo when not root.
  const withDeps = process.platform === 'linux' && has('apt-get') ? ['--with-deps'] : [];
  run('npx', ['--no-install', 'playwright', 'install', ...withDeps, 'chromium'], { cwd: repoRoot });
}
