import { loadConfig, type Config } from '../../src/config.js';
import { hashPassword } from '../../src/domain/admin/password.js';

export const testAdminPassword = 'correct horse battery staple';
// Low scrypt cost: the tests check the hash format and comparison, not its strength.
export const testAdminPasswordHash = hashPassword(testAdminPassword, { log2N: 10 });

/** A valid config for tests, with overrides applied; goes through the real schema. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    ADMIN_PASSWORD_HASH: testAdminPasswordHash,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '100000',
    // Tests read what they just wrote; the cache has tests of its own.
    CATALOG_CACHE_TTL_MS: '0',
    // The in-memory catalog follows writes asynchronously (NOTIFY); its own tests wait for it.
    CATALOG_SNAPSHOT: 'false',
    // A test that stops a server has no load balancer to drain; tests of the drain set it.
    SHUTDOWN_DRAIN_DELAY_MS: '0',
    ...overrides,
  });
}
