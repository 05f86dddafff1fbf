import { ConfigError, loadConfig } from '../../src/config.js';
import { hashPassword } from '../../src/domain/admin/password.js';

/** The two variables without a default; every other one is left to its default. */
export const minimalEnv = { SESSION_SECRET: 'x'.repeat(40), ADMIN_PASSWORD_HASH: hashPassword('a long enough password', { log2N: 4 }) };

/** The lines loadConfig refuses `env` with; fails the test when it accepts it. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error(`expected the config to be rejected: ${Object.keys(env).join(', ')}`);
}
