import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { configProblems, minimalEnv as minimal } from '../../support/config-problems.js';

describe('HTTP edge settings', () => {
  it('defaults to a 5 s drain and bounded request, header and keep-alive timeouts', () => {
    expect(loadConfig(minimal)).toMatchObject({
      SHUTDOWN_DRAIN_DELAY_MS: 5_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      HEADERS_TIMEOUT_MS: 5_000,
      REQUEST_TIMEOUT_MS: 10_000,
      KEEP_ALIVE_TIMEOUT_MS: 72_000,
    });
  });

  it('accepts a drain delay of 0 and refuses one that is not a whole number of milliseconds', () => {
    expect(loadConfig({ ...minimal, SHUTDOWN_DRAIN_DELAY_MS: '0' }).SHUTDOWN_DRAIN_DELAY_MS).toBe(0);
    expect(configProblems({ ...minimal, SHUTDOWN_DRAIN_DELAY_MS: '2.5' })).toEqual(['SHUTDOWN_DRAIN_DELAY_MS: expected milliseconds as a whole number']);
    expect(configProblems({ ...minimal, SHUTDOWN_DRAIN_DELAY_MS: '-1' })).toEqual(['SHUTDOWN_DRAIN_DELAY_MS: expected at least 0 ms']);
  });

  it('refuses timeouts of 0, which would turn them off', () => {
    expect(configProblems({ ...minimal, REQUEST_TIMEOUT_MS: '0', KEEP_ALIVE_TIMEOUT_MS: '0' })).toEqual([
      'REQUEST_TIMEOUT_MS: expected at least 1000 ms',
      'KEEP_ALIVE_TIMEOUT_MS: expected at least 1000 ms',
    ]);
  });

  it('refuses a headers timeout above the request timeout, naming both', () => {
    expect(configProblems({ ...minimal, HEADERS_TIMEOUT_MS: '20000', REQUEST_TIMEOUT_MS: '10000' })).toEqual([
      'HEADERS_TIMEOUT_MS: expected at most REQUEST_TIMEOUT_MS (the headers are part of the request)',
    ]);
  });
});
