import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { isUuid } from './read.js';

// An order holds a name, an email and an address, so its id (which shows in URLs, logs and
// the admin area) must not be enough to read it. Whoever places an order gets an access
// token; the database keeps only its SHA-256, so a leaked row or backup grants nothing.

/** Tokens the order row keeps: a replayed checkout adds one, the oldest drops out. */
export const maxTokensPerOrder = 5;

/** 32 random bytes in base64url: 43 characters. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

export interface AccessToken {
  token: string;
  sha256: Buffer;
}

export function hashAccessToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export function newAccessToken(): AccessToken {
  const token = randomBytes(32).toString('base64url');
  return { token, sha256: hashAccessToken(token) };
}

export function isAccessTokenShape(token: string): boolean {
  return tokenPattern.test(token);
}

/** Stores one more token for the order (keeping the newest few) and returns it. */
export async function issueAccessToken(db: Queryable, orderId: string): Promise<string> {
  const issued = newAccessToken();
  // Append and trim in one statement, so concurrent replays cannot lose each other's token.
  const { rowCount } = await db.query(
    `UPDATE orders
        SET access_token_sha256 = (array_append(access_token_sha256, $2::bytea))[greatest(1, cardinality(access_token_sha256) + 2 - $3::int):]
      WHERE id = $1`,
    [orderId, issued.sha256, maxTokensPerOrder],
  );
  if (rowCount === 0) throw new Error(`order ${orderId} vanished before its access token was stored`);
  return issued.token;
}

/**
 * Whether `token` opens order `id`. Digests are compared in constant time, every stored one
 * without stopping at a match; an unknown order, a malformed id and a wrong token all answer
 * false, so a caller cannot tell them apart.
 */
export async function orderAccessGranted(db: Queryable, id: string, token: string | undefined): Promise<boolean> {
  if (token === undefined || !isAccessTokenShape(token) || !isUuid(id)) return false;
  const presented = hashAccessToken(token);
  const { rows } = await db.query<{ sha256: Uint8Array }>('SELECT unnest(access_token_sha256) AS sha256 FROM orders WHERE id = $1', [id]);
  let granted = false;
  for (const row of rows) {
    const stored = Buffer.from(row.sha256);
    if (stored.length === presented.length && timingSafeEqual(stored, presented)) granted = true;
  }
  return granted;
}
