import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/database.js';

// Admin sessions are rows in admin_sessions, shared by every replica. The cookie carries a
// random token; the row's id is the token's SHA-256, so neither a database read nor the
// session list can be replayed as a cookie. A session ends when its row is deleted (logout,
// "end session"), when it reaches its hard lifetime, when it sits unused past the idle
// timeout, or when ADMIN_PASSWORD_HASH changes (the row keeps the fingerprint it was made under).

export const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;
export const sessionIdPattern = /^[0-9a-f]{64}$/;
const userAgentMaxLength = 200;
// last_seen_at moves at most once a minute, so an active admin costs one indexed read per
// request and one write per minute, not a write per request. The idle timeout is therefore
// exact to within that minute.
const lastSeenResolutionSeconds = 60;

export interface SessionPolicy {
  maxAgeHours: number;
  idleMinutes: number;
  passwordFingerprint: string;
}

export interface AdminSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  clientIp: string;
  userAgent: string;
}

export function passwordFingerprint(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const columns = `id, created_at AS "createdAt", last_seen_at AS "lastSeenAt", expires_at AS "expiresAt", client_ip AS "clientIp", user_agent AS "userAgent"`;
// $1 is the password fingerprint, $2 the idle timeout in minutes, in every query using it.
const alive = `password_fingerprint = $1 AND expires_at > now() AND last_seen_at > now() - make_interval(mins => $2)`;

export async function createAdminSession(db: Queryable, policy: SessionPolicy, client: { ip: string; userAgent: string }): Promise<{ token: string; session: AdminSession }> {
  const token = randomBytes(32).toString('base64url');
  const { rows } = await db.query<AdminSession>(
    `INSERT INTO admin_sessions (id, expires_at, password_fingerprint, client_ip, user_agent)
     VALUES ($1, now() + make_interval(hours => $2), $3, $4, $5) RETURNING ${columns}`,
    [sessionIdOf(token), policy.maxAgeHours, policy.passwordFingerprint, client.ip, client.userAgent.slice(0, userAgentMaxLength)],
  );
  const session = rows[0];
  if (session === undefined) throw new Error('INSERT ... RETURNING returned no row');
  return { token, session };
}

/** The live session a cookie's token stands for, or null; notes activity at most once a minute. */
export async function findAdminSession(db: Queryable, token: string, policy: SessionPolicy): Promise<AdminSession | null> {
  const id = sessionIdOf(token);
  const { rows } = await db.query<AdminSession & { stale: boolean }>(
    `SELECT ${columns}, last_seen_at < now() - make_interval(secs => $4) AS stale
       FROM admin_sessions WHERE id = $3 AND ${alive}`,
    [policy.passwordFingerprint, policy.idleMinutes, id, lastSeenResolutionSeconds],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const { stale, ...session } = row;
  if (stale) {
    await db.query(`UPDATE admin_sessions SET last_seen_at = now() WHERE id = $1 AND last_seen_at < now() - make_interval(secs => $2)`, [id, lastSeenResolutionSeconds]);
  }
  return session;
}

/** Live sessions, most recently used first. */
export async function listAdminSessions(db: Queryable, policy: SessionPolicy): Promise<AdminSession[]> {
  const { rows } = await db.query<AdminSession>(`SELECT ${columns} FROM admin_sessions WHERE ${alive} ORDER BY last_seen_at DESC, created_at DESC`, [
    policy.passwordFingerprint,
    policy.idleMinutes,
  ]);
  return rows;
}

/** Deletes one session; false when there was none with that id. */
export async function deleteAdminSession(db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM admin_sessions WHERE id = $1', [id]);
  return rowCount > 0;
}

/** Deletes every session but `keepId`; returns how many. */
export async function deleteOtherAdminSessions(db: Queryable, keepId: string): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM admin_sessions WHERE id <> $1', [keepId]);
  return rowCount;
}

/**
 * Removes sessions that can no longer be used. Rows of another password fingerprint are left
 * to expire: during a rolling deploy that changes the hash, old and new replicas would
 * otherwise delete each other's sessions.
 */
export async function pruneAdminSessions(db: Queryable, idleMinutes: number): Promise<number> {
  const { rowCount } = await db.query('DELETE FROM admin_sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(mins => $1)', [idleMinutes]);
  return rowCount;
}

/**
 * Where to go after login: only a path inside the admin area, so `next` cannot send the
 * browser to another site (`//evil.example`, `/\evil.example`, `https://...`).
 */
export function safeAdminPath(next: unknown): string {
  if (typeof next !== 'string' || next.length > 500) return '/admin';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  if (!/^\/admin(?:[/?]|$)/.test(next) || next.includes('\\') || next.includes('//') || /[\u0000-\u001f\u007f]/.test(next)) return '/admin';
  return next;
}
