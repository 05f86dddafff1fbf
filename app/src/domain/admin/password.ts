import { randomBytes, scrypt as scryptCb, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Format: scrypt$<log2 N>$<r>$<p>$<salt base64>$<hash base64>. Parameters travel with the
// hash so they can be raised later without invalidating existing hashes.
const KEY_LENGTH = 32;

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keyLength, options, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

function options(log2N: number, r: number, p: number): ScryptOptions {
  const N = 2 ** log2N;
  return { N, r, p, maxmem: 256 * N * r };
}

export function hashPassword(password: string, cost: { log2N?: number; r?: number; p?: number } = {}): string {
  const log2N = cost.log2N ?? 15;
  const r = cost.r ?? 8;
  const p = cost.p ?? 1;
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, KEY_LENGTH, options(log2N, r, p));
  return ['scrypt', log2N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** Constant-time comparison; a malformed stored hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number);
  if (log2N === undefined || r === undefined || p === undefined || ![log2N, r, p].every(Number.isInteger) || log2N > 20) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length === 0) return false;
  const actual = await scrypt(password, salt, expected.length, options(log2N, r, p));
  return timingSafeEqual(actual, expected);
}
