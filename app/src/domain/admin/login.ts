import type { Database } from '../../db/database.js';
import { writeAudit, type AuditContext } from './audit.js';
import { clearLoginAttempts } from './login-attempts.js';
import { verifyPassword } from './password.js';
import { createAdminSession, type AdminSession, type SessionPolicy } from './session.js';

export interface LoginClient {
  ip: string;
  userAgent: string;
  /** What the login limit counts this client's attempts under. */
  limitKey: string;
}

/**
 * Checks the one admin password and records the attempt either way. On success the session,
 * the cleared failure count and the audit row are one transaction. The password itself is
 * never logged or stored; the client address is, to tell a typo from a guessing run.
 */
export async function logInAdmin(
  db: Database,
  audit: AuditContext,
  input: { password: string; storedHash: string; policy: SessionPolicy; client: LoginClient },
): Promise<{ token: string; session: AdminSession } | null> {
  const { client } = input;
  const ok = input.password !== '' && input.password.length <= 1000 && (await verifyPassword(input.password, input.storedHash));
  if (!ok) {
    await writeAudit(db, audit, { action: 'admin.login_failed', entity: 'session', entityId: null, details: { ip: client.ip } });
    return null;
  }
  return db.transaction(async (tx) => {
    const created = await createAdminSession(tx, input.policy, client);
    await clearLoginAttempts(tx, client.limitKey);
    await writeAudit(tx, audit, { action: 'admin.login', entity: 'session', entityId: created.session.id, details: { ip: client.ip } });
    return created;
  });
}
