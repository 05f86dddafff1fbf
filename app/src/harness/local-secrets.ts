import { randomBytes } from 'node:crypto';
import { hashPassword } from '../domain/admin/password.js';

/** What a cluster's Secret gives the shop, made up for one run on this machine. */
export interface LocalSecrets {
  /** The admin password in clear, for the person or test that logs in. */
  adminPassword: string;
  /** SESSION_SECRET and ADMIN_PASSWORD_HASH (the scrypt hash of adminPassword), as the shop reads them. */
  env: { SESSION_SECRET: string; ADMIN_PASSWORD_HASH: string };
}

export interface LocalSecretsOptions {
  /** The admin password to hash, when the caller chose one; made up otherwise. */
  adminPassword?: string;
  /**
   * scrypt cost of the hash as log2 N; the shop's default (15) when unset. Tools that start
   * many shops lower it: the run proves nothing about the hash's strength.
   */
  scryptLog2N?: number;
}

/** A fresh session secret and admin password (with its hash); nothing is reused between calls. */
export function makeLocalSecrets(options: LocalSecretsOptions = {}): LocalSecrets {
  const adminPassword = options.adminPassword ?? randomBytes(18).toString('base64url');
  return {
    adminPassword,
    env: {
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      ADMIN_PASSWORD_HASH: hashPassword(adminPassword, options.scryptLog2N === undefined ? {} : { log2N: options.scryptLog2N }),
    },
  };
}
