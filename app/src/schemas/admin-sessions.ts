import { z } from 'zod';
import { sessionIdPattern } from '../domain/admin/session.js';

// Shapes of /api/v1/admin/sessions: the admin's live sessions and ending them.

export const sessionIdParams = z.object({
  id: z.string().regex(sessionIdPattern, { error: 'expected a session id: 64 lowercase hex characters from GET /api/v1/admin/sessions' }),
});

export const adminSessionEntry = z
  .object({
    id: z.string().describe('SHA-256 of the session token; not usable as a cookie'),
    current: z.boolean().describe('true for the session making this request'),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime().describe('updated at most once a minute'),
    expiresAt: z.iso.datetime().describe('hard end of the session, however active'),
    clientIp: z.string(),
    userAgent: z.string().describe('as sent at login, truncated to 200 characters'),
  })
  .meta({ id: 'AdminSessionEntry' });

export const adminSessionList = z.object({ items: z.array(adminSessionEntry) }).meta({ id: 'AdminSessionList' });

export const endedSessions = z.object({ ended: z.int().min(0).describe('how many sessions ended') }).meta({ id: 'EndedAdminSessions' });
