// Traffic shapes, one per PROFILE, in one place so the scenarios stay free of numbers. The
// SLO (thresholds) is the same for every profile: a profile changes how hard the shop is
// pushed, never what "good enough" means.
import type { Options } from 'k6/options';

export type ProfileName = 'smoke' | 'load' | 'spike' | 'browse' | 'verify';

// The executors this suite uses, as plain data: @types/k6 declares scenarios as classes,
// which object literals cannot honestly be. `exec` names a function main.ts exports.
interface Stage {
  duration: string;
  target: number;
}
interface Common {
  exec: 'browse' | 'checkout' | 'spike';
  startTime?: string;
  gracefulStop?: string;
}
type ScenarioConfig = Common &
  (
    | { executor: 'ramping-vus'; startVUs: number; stages: Stage[]; gracefulRampDown?: string }
    | { executor: 'constant-vus'; vus: number; duration: string }
    | { executor: 'constant-arrival-rate'; rate: number; timeUnit: string; duration: string; preAllocatedVUs: number; maxVUs: number }
    | { executor: 'ramping-arrival-rate'; startRate: number; timeUnit: string; stages: Stage[]; preAllocatedVUs: number; maxVUs: number }
  );
type Scenarios = Record<string, ScenarioConfig>;

// smoke: every scenario briefly, about 35 s, so each pull request exercises every code path
// of the suite with a few requests per second on a shared CI runner.
const smoke: Scenarios = {
  browse: {
    executor: 'ramping-vus',
    exec: 'browse',
    startVUs: 0,
    stages: [
      { duration: '8s', target: 3 },
      { duration: '22s', target: 3 },
      { duration: '5s', target: 0 },
    ],
    gracefulRampDown: '5s',
  },
  checkout: {
    executor: 'constant-arrival-rate',
    exec: 'checkout',
    rate: 2,
    timeUnit: '1s',
    duration: '30s',
    preAllocatedVUs: 4,
    maxVUs: 10,
  },
  spike: {
    executor: 'ramping-arrival-rate',
    exec: 'spike',
    startTime: '12s',
    startRate: 2,
    timeUnit: '1s',
    stages: [
      { duration: '3s', target: 20 },
      { duration: '6s', target: 20 },
      { duration: '3s', target: 2 },
    ],
    preAllocatedVUs: 10,
    maxVUs: 30,
  },
};

// load: the expected busy hour on stage, held long enough to see the database warm up and
// connection pools settle.
const load: Scenarios = {
  browse: {
    executor: 'ramping-vus',
    exec: 'browse',
    startVUs: 0,
    stages: [
      { duration: '2m', target: 40 },
      { duration: '10m', target: 40 },
      { duration: '1m', target: 0 },
    ],
    gracefulRampDown: '30s',
  },
  checkout: {
    executor: 'constant-arrival-rate',
    exec: 'checkout',
    startTime: '2m',
    rate: 5,
    timeUnit: '1s',
    duration: '10m',
    preAllocatedVUs: 20,
    maxVUs: 100,
  },
};

// spike: steady browsing and checkouts, then ten times the page views within seconds (a
// newsletter or a sale going live), then back: the shop must stay inside the SLO throughout
// and recover without errors.
const spike: Scenarios = {
  browse: {
    executor: 'constant-vus',
    exec: 'browse',
    vus: 10,
    duration: '5m',
  },
  checkout: {
    executor: 'constant-arrival-rate',
    exec: 'checkout',
    rate: 2,
    timeUnit: '1s',
    duration: '5m',
    preAllocatedVUs: 10,
    maxVUs: 50,
  },
  spike: {
    executor: 'ramping-arrival-rate',
    exec: 'spike',
    startTime: '1m',
    startRate: 10,
    timeUnit: '1s',
    stages: [
      { duration: '10s', target: 200 },
      { duration: '1m', target: 200 },
      { duration: '10s', target: 10 },
      { duration: '2m', target: 10 },
    ],
    preAllocatedVUs: 50,
    maxVUs: 400,
  },
};

// browse and verify: what verify.yml runs against a deployed environment, from one runner
// address. The shop limits each address to RATE_LIMIT_MAX requests a minute (app.rateLimitMax
// in environments/<env>.yaml, which verify.yml passes on), so these profiles are paced by
// arrival rate to use at most half of it: they measure the shop, not its rate limiter.
// browse only reads (every request a GET) and is the one prod gets; verify adds paced
// checkouts for dev and stage, where test orders are expected.
const rateLimitPerMinute = positiveInteger(typeof __ENV === 'undefined' ? undefined : __ENV.RATE_LIMIT_MAX, 600);
const budgetPerMinute = Math.floor(rateLimitPerMinute / 2);
/** Requests one iteration sends at most: scenarios/browse.ts and scenarios/checkout.ts. */
export const requestsPerIteration = { browse: 7, checkout: 6 } as const;

function paced(exec: 'browse' | 'checkout', requestsPerMinute: number, duration: string): ScenarioConfig {
  const rate = Math.max(1, Math.floor(requestsPerMinute / requestsPerIteration[exec]));
  // An iteration takes about 10 s with its think time: enough VUs for the rate, with headroom.
  const vus = Math.ceil((rate / 60) * 15) + 1;
  return { executor: 'constant-arrival-rate', exec, rate, timeUnit: '1m', duration, preAllocatedVUs: vus, maxVUs: vus * 2 };
}

// VERIFY_DURATION shortens a run (the read-only test runs a few seconds of browse).
const verifyDuration = typeof __ENV !== 'undefined' && /^\d+[sm]$/.test(__ENV.VERIFY_DURATION ?? '') ? (__ENV.VERIFY_DURATION ?? '5m') : '5m';
const browseOnly: Scenarios = { browse: paced('browse', budgetPerMinute, verifyDuration) };
const verify: Scenarios = {
  browse: paced('browse', Math.floor((budgetPerMinute * 2) / 3), verifyDuration),
  checkout: paced('checkout', Math.floor(budgetPerMinute / 3), verifyDuration),
};

export const profiles: Record<ProfileName, Scenarios> = { smoke, load, spike, browse: browseOnly, verify };

/** The planned requests a minute of a profile at most (setup() aside): what must stay under the rate limit. */
export function plannedRequestsPerMinute(profile: Scenarios): number {
  return Object.values(profile).reduce((sum, scenario) => (scenario.executor === 'constant-arrival-rate' && scenario.timeUnit === '1m' ? sum + scenario.rate * requestsPerIteration[scenario.exec === 'checkout' ? 'checkout' : 'browse'] : Number.POSITIVE_INFINITY), 0);
}

function positiveInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

export function isProfileName(value: string): value is ProfileName {
  return Object.keys(profiles).includes(value);
}

// Latency bounds per endpoint group (the `group` tag every request carries). Server-rendered
// pages query the catalog and render HTML; checkout writes in one transaction; the API
// serves JSON. Bounds hold on a 2-core CI runner with k6 on the same machine.
const latencyMs: Record<string, { p95: number; p99: number }> = {
  home: { p95: 250, p99: 600 },
  catalog: { p95: 250, p99: 600 },
  search: { p95: 250, p99: 600 },
  product: { p95: 250, p99: 600 },
  api: { p95: 200, p99: 500 },
  checkout: { p95: 300, p99: 700 },
};

export const thresholds: NonNullable<Options['thresholds']> = {
  http_req_failed: ['rate<0.01'],
  checks: ['rate>0.99'],
  // A run that placed no order proves nothing about checkout.
  checkouts_succeeded: ['count>0'],
  ...Object.fromEntries(
    Object.entries(latencyMs).map(([group, { p95, p99 }]) => [`http_req_duration{group:${group}}`, [`p(95)<${p95}`, `p(99)<${p99}`]]),
  ),
};

/** The SLO of a profile: a profile without checkouts is not asked for orders or checkout latency. */
export function thresholdsFor(profile: ProfileName): NonNullable<Options['thresholds']> {
  if ('checkout' in profiles[profile]) return thresholds;
  return Object.fromEntries(Object.entries(thresholds).filter(([name]) => name !== 'checkouts_succeeded' && name !== 'http_req_duration{group:checkout}'));
}
