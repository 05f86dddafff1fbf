// Entry script: `k6 run load/main.ts` with PROFILE=smoke|load|spike|browse|verify (default smoke) and
// BASE_URL. Composes the scenarios of the profile under one SLO; k6 exits non-zero when a
// threshold fails, which is what fails the gate.
import { fail } from 'k6';
import { isProfileName, profiles, thresholdsFor } from './lib/profiles.ts';
import { baseUrl, readCatalog, type Catalog } from './lib/target.ts';
import { browse as browseScenario } from './scenarios/browse.ts';
import { checkout as checkoutScenario } from './scenarios/checkout.ts';
import { spike as spikeScenario } from './scenarios/spike.ts';

const profile = __ENV.PROFILE ?? 'smoke';
if (!isProfileName(profile)) fail(`PROFILE must be one of ${Object.keys(profiles).join(', ')}, got "${profile}"`);

// Not annotated as k6's `Options`: its types declare scenarios as classes, and lib/profiles.ts
// holds them as the plain objects k6 actually reads.
export const options = {
  scenarios: profiles[profile],
  thresholds: thresholdsFor(profile),
  summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  // Tests must end on their own; a hung request counts as failed after this.
  setupTimeout: '60s',
};

interface Data {
  base: string;
  catalog: Catalog;
}

export function setup(): Data {
  const base = baseUrl();
  return { base, catalog: readCatalog(base) };
}

export function browse(data: Data): void {
  browseScenario(data.base, data.catalog);
}

export function checkout(data: Data): void {
  checkoutScenario(data.base, data.catalog);
}

export function spike(data: Data): void {
  spikeScenario(data.base, data.catalog);
}
