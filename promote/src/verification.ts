import type { Environment } from '@storefront/environments';

/**
 * Which Playwright journeys verify.yml runs against an environment: the @smoke journeys
 * everywhere, the @writes journeys (checkout, admin) only where verification.writes is set.
 * Where it is not (prod), @writes is also excluded explicitly, so a journey tagged both never runs.
 */
export function e2eSelection(env: Pick<Environment, 'verification'>): { grep: string; grepInvert: string } {
  return env.verification.writes ? { grep: '@smoke|@writes', grepInvert: '' } : { grep: '@smoke', grepInvert: '@writes' };
}
