import { createHash, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

// The admin session is stateless: a signed cookie holding its expiry and a random nonce. The
// signature (SESSION_SECRET) makes it unforgeable; the expiry inside the signed value, not the
// cookie's Max-Age, decides validity, so a kept or replayed cookie still dies after 8 hours.
// A fingerprint of the password hash rides along, so changing the admin password ends every
// session without a session table.
export const adminSessionCookie = 'admin_session';
export const sessionLifetimeMs = 8 * 60 * 60 * 1000;
const valuePattern = /^(\d{13})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{16})$/;

export function passwordFingerprint(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 16);
}

export interface AdminSession {
  expiresAt: Date;
  nonce: string;
}

export function readAdminSession(request: FastifyRequest, now: Date = new Date()): AdminSession | null {
  const raw = request.cookies[adminSessionCookie];
  if (raw === undefined) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid) return null;
  const match = valuePattern.exec(unsigned.value);
  if (!match?.[1] || !match[2] || match[3] !== passwordFingerprint(request.server.config.ADMIN_PASSWORD_HASH)) return null;
  const expiresAt = new Date(Number(match[1]));
  if (expiresAt.getTime() <= now.getTime()) return null;
  return { expiresAt, nonce: match[2] };
}

export function startAdminSession(reply: FastifyReply, now: Date = new Date()): AdminSession {
  const session = { expiresAt: new Date(now.getTime() + sessionLifetimeMs), nonce: randomBytes(16).toString('base64url') };
  const fingerprint = passwordFingerprint(reply.server.config.ADMIN_PASSWORD_HASH);
  reply.setCookie(adminSessionCookie, `${session.expiresAt.getTime()}.${session.nonce}.${fingerprint}`, {
    signed: true,
    httpOnly: true,
    sameSite: 'strict',
    secure: reply.server.cookieSecure,
    path: '/',
    maxAge: sessionLifetimeMs / 1000,
  });
  return session;
}

export function endAdminSession(reply: FastifyReply): void {
  reply.clearCookie(adminSessionCookie, { path: '/', httpOnly: true, sameSite: 'strict', secure: reply.server.cookieSecure });
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
