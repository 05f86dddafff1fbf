import fastifyCsrfProtection from '@fastify/csrf-protection';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import type { AuditContext } from '../domain/admin/audit.js';
import { countLoginAttempt, loginClientKey, pruneLoginAttempts } from '../domain/admin/login-attempts.js';
import type { LoginClient } from '../domain/admin/login.js';
import { findAdminSession, passwordFingerprint, pruneAdminSessions, safeAdminPath, type AdminSession, type SessionPolicy } from '../domain/admin/session.js';
import { DomainError } from '../domain/domain-errors.js';
import { adminSessionToken } from './admin-session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The admin session of a guarded admin route; null on public ones (login). */
    adminSession: AdminSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without an admin session (the login form and the session endpoint). */
    adminPublic?: boolean;
    /** Skips the CSRF check: only the API login, which a client calls before it has a token. */
    skipCsrf?: boolean;
  }
}

export const csrfCookieName = 'admin_csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function auditContext(request: FastifyRequest): AuditContext & { ip: string } {
  return { actor: 'admin', requestId: request.id, ip: request.ip };
}

export function adminSessionPolicy(config: Config): SessionPolicy {
  return {
    maxAgeHours: config.ADMIN_SESSION_MAX_AGE_HOURS,
    idleMinutes: config.ADMIN_SESSION_IDLE_MINUTES,
    passwordFingerprint: passwordFingerprint(config.ADMIN_PASSWORD_HASH),
  };
}

/** The live admin session the request's cookie stands for, or null. */
export async function currentAdminSession(request: FastifyRequest): Promise<AdminSession | null> {
  // Not a secret comparison: only whether the cookie held a well-formed token at all.
  const presented = adminSessionToken(request);
  if (presented === null) return null;
  return findAdminSession(request.server.db, presented, adminSessionPolicy(request.server.config));
}

/** The session on a guarded route, where the guard has already refused requests without one. */
export function guardedSession(request: FastifyRequest): AdminSession {
  if (request.adminSession === null) throw new DomainError(401, 'unauthenticated', 'log in first: POST /api/v1/admin/session');
  return request.adminSession;
}

export function loginClient(request: FastifyRequest): LoginClient {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof userAgent === 'string' ? userAgent : '', limitKey: loginClientKey(request.ip) };
}

export class CsrfError extends DomainError {
  constructor() {
    super(403, 'csrf_failed', 'The form or request is missing a valid CSRF token. Reload the page and try again; nothing was changed.');
  }
}

export class LoginRateLimitError extends DomainError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many login attempts from this address. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`);
  }
}

/**
 * Guards one encapsulated scope of admin routes: session check (HTML gets a 303 to the login
 * form, the API a 401), CSRF check on unsafe methods, no-store caching, and CSRF errors
 * turned into a 403 that says what happened. Registered once for the pages and once for the
 * API, each in its own scope.
 */
export async function registerAdminGuard(scope: FastifyInstance, kind: 'html' | 'api'): Promise<void> {
  // If the storefront registers the CSRF plugin app-wide, its decorators already reach this
  // scope and registering again would fail on duplicate decorators; its tokens protect us alike.
  if (!scope.hasRequestDecorator('adminSession')) scope.decorateRequest('adminSession', null);
  if (!scope.hasReplyDecorator('generateCsrf')) {
    await scope.register(fastifyCsrfProtection, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: csrfCookieName,
      cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: scope.cookieSecure },
    });
  }

  scope.setErrorHandler(async (error: FastifyError) => {
    // Rethrown errors go to the app's error handler, which renders HTML or JSON.
    if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') throw new CsrfError();
    throw error;
  });

  scope.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('x-robots-tag', 'noindex');
  });

  // onRequest, so a caller without a session learns that first, before body validation.
  scope.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.adminPublic === true) return;
    request.adminSession = await currentAdminSession(request);
    if (request.adminSession !== null) return;
    if (kind === 'api') throw new DomainError(401, 'unauthenticated', 'log in first: POST /api/v1/admin/session');
    const next = request.method === 'GET' ? safeAdminPath(request.url) : '/admin';
    return reply.redirect(`/admin/login?next=${encodeURIComponent(next)}`, 303);
  });

  // The API sends its token in a header, checked before the body is even parsed; a form
  // sends it in the body, so pages check after parsing.
  const checkCsrf = (request: FastifyRequest, reply: FastifyReply, done: () => void): void => {
    if (!unsafeMethods.has(request.method) || request.routeOptions.config.skipCsrf === true) {
      done();
      return;
    }
    scope.csrfProtection(request, reply, done);
  };
  if (kind === 'api') scope.addHook('onRequest', checkCsrf);
  else scope.addHook('preHandler', checkCsrf);
}

// Expired rows are removed on the login path, the only place that adds them, at most once a
// minute per process: the tables stay as small as the last window's logins without a timer.
const pruneIntervalMs = 60_000;

/**
 * One budget for both login doors (form and API) per client address, shared by every replica
 * through the database. Runs as a preHandler, after CSRF and body validation, so only real
 * password attempts are counted.
 */
export function createLoginLimiter(app: FastifyInstance): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  let lastPruneAt = 0;
  return async (request, reply) => {
    if (Date.now() - lastPruneAt >= pruneIntervalMs) {
      lastPruneAt = Date.now();
      await pruneLoginAttempts(app.db);
      await pruneAdminSessions(app.db, app.config.ADMIN_SESSION_IDLE_MINUTES);
    }
    const max = app.config.LOGIN_RATE_LIMIT_MAX;
    const count = await countLoginAttempt(app.db, loginClientKey(request.ip), max);
    if (count.attempts <= max) return;
    reply.header('retry-after', String(count.retryAfterSeconds));
    throw new LoginRateLimitError(count.retryAfterSeconds);
  };
}

export interface AdminRouteOptions {
  limitLogin: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
}
