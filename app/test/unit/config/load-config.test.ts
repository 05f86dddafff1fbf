import { describe, expect, it } from 'vitest';
import { configKeys, loadConfig, loadDatabaseConfig, requiredConfigKeys } from '../../../src/config.js';
import { configProblems, minimalEnv as minimal } from '../../support/config-problems.js';

describe('loadConfig', () => {
  it('applies the documented defaults when only the secrets are set', () => {
    const config = loadConfig(minimal);
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      METRICS_PORT: 9464,
      DATA_DIR: '.data',
      DATABASE_POOL_MAX: 10,
      DATABASE_PLAN_CACHE_MODE: 'force_generic_plan',
      MIGRATE_ON_START: false,
      SEED_ON_START: false,
      LOG_LEVEL: 'info',
      TRUST_PROXY: false,
      LOGIN_RATE_LIMIT_MAX: 10,
      ADMIN_SESSION_MAX_AGE_HOURS: 8,
      ADMIN_SESSION_IDLE_MINUTES: 30,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      CART_TTL_DAYS: 30,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('parses numbers, booleans and URLs from their string form', () => {
    const config = loadConfig({
      ...minimal,
      PORT: '8080',
      MIGRATE_ON_START: 'true',
      TRUST_PROXY: '1',
      ADMIN_SESSION_IDLE_MINUTES: '45',
      DATABASE_URL: 'postgresql://shop:pw@db.internal:5432/shop',
      PUBLIC_URL: 'https://shop.example.com/',
    });
    expect(config.PORT).toBe(8080);
    expect(config.MIGRATE_ON_START).toBe(true);
    expect(config.TRUST_PROXY).toEqual({ hops: 1 });
    expect(config.ADMIN_SESSION_IDLE_MINUTES).toBe(45);
    expect(config.DATABASE_URL).toBe('postgresql://shop:pw@db.internal:5432/shop');
    expect(config.PUBLIC_URL).toBe('https://shop.example.com');
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ ...minimal, PORT: '', DATABASE_URL: '' }).PORT).toBe(3000);
  });

  it('ignores variables it does not own', () => {
    expect(() => loadConfig({ ...minimal, PATH: '/usr/bin', KUBERNETES_SERVICE_HOST: '10.0.0.1' })).not.toThrow();
  });

  it('names each missing secret on its own line', () => {
    const problems = configProblems({});
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SESSION_SECRET: required/);
    expect(problems[1]).toMatch(/^ADMIN_PASSWORD_HASH: required/);
  });

  it.each([
    ['PORT', 'eighty', /^PORT: expected a port number/],
    ['PORT', '70000', /^PORT: expected a port between 1 and 65535/],
    ['PORT', '80.5', /^PORT: expected a whole number/],
    ['METRICS_PORT', '0', /^METRICS_PORT: expected a port between 1 and 65535/],
    ['DATABASE_URL', 'mysql://db/shop', /^DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL/],
    ['DATABASE_URL', 'not a url', /^DATABASE_URL: expected a postgres/],
    ['PUBLIC_URL', 'shop.example.com', /^PUBLIC_URL: expected an absolute http\(s\) URL/],
    ['DATABASE_POOL_MAX', '0', /^DATABASE_POOL_MAX: expected the pool size above 0/],
    ['DATABASE_POOL_MAX', '500', /^DATABASE_POOL_MAX: expected at most 100 connections/],
    ['DATABASE_PLAN_CACHE_MODE', 'generic', /^DATABASE_PLAN_CACHE_MODE: expected force_generic_plan, auto or force_custom_plan$/],
    ['MIGRATE_ON_START', 'yes', /^MIGRATE_ON_START: expected true or false/],
    ['TRUST_PROXY', 'maybe', /^TRUST_PROXY: expected false, a hop count or a comma-separated list of IP addresses\/CIDRs: "maybe" is not an IP address/],
    ['ADMIN_SESSION_MAX_AGE_HOURS', '0', /^ADMIN_SESSION_MAX_AGE_HOURS: expected hours above 0/],
    ['ADMIN_SESSION_MAX_AGE_HOURS', '200', /^ADMIN_SESSION_MAX_AGE_HOURS: expected at most 168 hours/],
    ['ADMIN_SESSION_IDLE_MINUTES', 'half an hour', /^ADMIN_SESSION_IDLE_MINUTES: expected minutes as a whole number/],
    ['LOG_LEVEL', 'verbose', /^LOG_LEVEL: /],
    ['SESSION_SECRET', 'short', /^SESSION_SECRET: too short/],
    ['ADMIN_PASSWORD_HASH', 'plaintext-password', /^ADMIN_PASSWORD_HASH: not a scrypt hash/],
    ['SHUTDOWN_TIMEOUT_MS', '-1', /^SHUTDOWN_TIMEOUT_MS: expected milliseconds above 0/],
    ['BODY_LIMIT_BYTES', '999999999', /^BODY_LIMIT_BYTES: expected at most 10 MiB/],
    ['RATE_LIMIT_MAX', 'lots', /^RATE_LIMIT_MAX: expected requests per minute as a whole number/],
    ['CART_TTL_DAYS', '0', /^CART_TTL_DAYS: expected days above 0/],
    ['CART_TTL_DAYS', '366', /^CART_TTL_DAYS: expected at most 365 days/],
    ['CART_TTL_DAYS', '1.5', /^CART_TTL_DAYS: expected days as a whole number/],
  ])('rejects %s=%s with a message naming the variable', (key, value, message) => {
    const problems = configProblems({ ...minimal, [key]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('reports every problem at once, one line each', () => {
    const problems = configProblems({ PORT: 'x', LOG_LEVEL: 'loud', MIGRATE_ON_START: 'perhaps' });
    expect(problems.map((line) => line.split(':')[0]).sort()).toEqual(
      ['ADMIN_PASSWORD_HASH', 'LOG_LEVEL', 'MIGRATE_ON_START', 'PORT', 'SESSION_SECRET'].sort(),
    );
  });

  it('never echoes a rejected value, which may be a secret', () => {
    const secretLookingValue = 'hunter2-but-too-short';
    const problems = configProblems({ ...minimal, SESSION_SECRET: secretLookingValue, DATABASE_URL: 'mysql://user:s3cr3t@db/x' });
    const text = problems.join('\n');
    expect(text).not.toContain(secretLookingValue);
    expect(text).not.toContain('s3cr3t');
  });

  it('lists the variables a deployment must provide', () => {
    expect(requiredConfigKeys.sort()).toEqual(['ADMIN_PASSWORD_HASH', 'SESSION_SECRET']);
    expect(configKeys).toContain('DATABASE_URL');
  });
});

describe('loadDatabaseConfig', () => {
  it('needs no web secrets, so the migration Job gets only what it uses', () => {
    expect(loadDatabaseConfig({ DATABASE_URL: 'postgres://db/shop' })).toMatchObject({ DATABASE_URL: 'postgres://db/shop', DATABASE_POOL_MAX: 10 });
  });
});
