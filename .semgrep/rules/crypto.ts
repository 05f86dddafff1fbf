import crypto, { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

declare const data: string;
declare const key: Buffer;
declare const iv: Buffer;

export function hashes(): string[] {
  return [
    // ruleid: weak-hash-algorithm
    createHash('md5').update(data).digest('hex'),
    // ruleid: weak-hash-algorithm
    crypto.createHmac('sha1', key).update(data).digest('hex'),
    // ok: weak-hash-algorithm
    createHash('sha256').update(data).digest('hex'),
  ];
}

export function ciphers(): void {
  // ruleid: deprecated-create-cipher
  crypto.createCipher('aes-256-cbc', 'password');
  // ruleid: weak-cipher-algorithm
  crypto.createCipheriv('des-ede3-cbc', key, iv);
  // ruleid: weak-cipher-algorithm
  crypto.createCipheriv('aes-128-ecb', key, null);
  // ok: weak-cipher-algorithm, deprecated-create-cipher
  crypto.createCipheriv('aes-256-gcm', key, iv);
}

export function tokens(): unknown {
  // ruleid: math-random-for-secrets
  const resetToken = Math.random().toString(36).slice(2);
  // ruleid: math-random-for-secrets
  const voucherCode = Math.floor(Math.random() * 1_000_000);
  // ok: math-random-for-secrets
  const jitterMs = Math.floor(Math.random() * 250);
  // ok: math-random-for-secrets
  const sessionId = randomBytes(32).toString('base64url');
  return { resetToken, voucherCode, jitterMs, sessionId, id: randomUUID(), pin: randomInt(10_000) };
}
