import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { verifyPassword } from '../../../src/domain/admin/password.js';
import { makeLocalSecrets } from '../../../src/harness/index.js';

describe('makeLocalSecrets', () => {
  it('makes up an admin password whose hash the shop accepts, and only that password', async () => {
    const secrets = makeLocalSecrets({ scryptLog2N: 10 });
    await expect(verifyPassword(secrets.adminPassword, secrets.env.ADMIN_PASSWORD_HASH)).resolves.toBe(true);
    await expect(verifyPassword(`${secrets.adminPassword}x`, secrets.env.ADMIN_PASSWORD_HASH)).resolves.toBe(false);
    expect(secrets.env.ADMIN_PASSWORD_HASH.startsWith('scrypt$10$')).toBe(true);
  });

  it("uses the shop's own scrypt cost unless told otherwise, and hashes a password the caller chose", async () => {
    const secrets = makeLocalSecrets({ adminPassword: 'chosen by the operator' });
    expect(secrets.adminPassword).toBe('chosen by the operator');
    expect(secrets.env.ADMIN_PASSWORD_HASH.startsWith('scrypt$15$')).toBe(true);
    await expect(verifyPassword('chosen by the operator', secrets.env.ADMIN_PASSWORD_HASH)).resolves.toBe(true);
  });

  it("passes the app's config schema and never repeats itself", () => {
    const first = makeLocalSecrets({ scryptLog2N: 10 });
    const second = makeLocalSecrets({ scryptLog2N: 10 });
    const config = loadConfig({ ...first.env });
    expect(config.SESSION_SECRET).toBe(first.env.SESSION_SECRET);
    expect(second.adminPassword).not.toBe(first.adminPassword);
    expect(second.env.SESSION_SECRET).not.toBe(first.env.SESSION_SECRET);
  });
});
