import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionTokenPattern } from '../domain/admin/session.js';

// The admin_session cookie carries only the session's random token, signed with
// SESSION_SECRET so a malformed or guessed value is turned away before any database read.
// Whether the session is alive is the database's answer, never the cookie's.

export const adminSessionCookie = 'admin_session';

function cookieOptions(reply: FastifyReply) {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: reply.server.cookieSecure } as const;
}

/** The token of a validly signed admin_session cookie, or null. */
export function adminSessionToken(request: FastifyRequest): string | null {
  const raw = request.cookies[adminSessionCookie];
  if (raw === undefined) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !sessionTokenPattern.test(unsigned.value)) return null;
  return unsigned.value;
}

export function setAdminSessionCookie(reply: FastifyReply, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  reply.setCookie(adminSessionCookie, token, { ...cookieOptions(reply), signed: true, maxAge });
}

export function clearAdminSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(adminSessionCookie, cookieOptions(reply));
}
