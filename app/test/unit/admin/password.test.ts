import { describe, expect, it } from 'vitest';
import { passwordHashPattern } from '../../../src/config.js';
import { hashPassword, verifyPassword } from '../../../src/domain/admin/password.js';

describe('admin password hashing', () => {
  const hash = hashPassword('open sesame, please', { log2N: 10 });

  it('produces a salted scrypt hash in the format the config accepts', () => {
    expect(hash).toMatch(passwordHashPattern);
    expect(hashPassword('open sesame, please', { log2N: 10 })).not.toBe(hash);
  });

  it('accepts the right password and rejects a wrong one', async () => {
    await expect(verifyPassword('open sesame, please', hash)).resolves.toBe(true);
    await expect(verifyPassword('open sesame, please!', hash)).resolves.toBe(false);
    await expect(verifyPassword('', hash)).resolves.toBe(false);
  });

  it('never matches a malformed stored hash', async () => {
    await expect(verifyPassword('x', 'plaintext')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$99$8$1$c2FsdA==$aGFzaA==')).resolves.toBe(false);
    await expect(verifyPassword('x', 'scrypt$10$8$1$$')).resolves.toBe(false);
  });

  it('uses the default cost of 2^15 when none is given', () => {
    expect(hashPassword('default cost password').split('$')[1]).toBe('15');
  });
});
