import type { Database } from '../../db/database.js';
import { writeAudit, type AuditContext } from './audit.js';
import { verifyPassword } from './password.js';

/**
 * Checks the one admin password and records the attempt either way. The password itself is
 * never logged or stored; the client address is, to tell a typo from a guessing run.
 */
export async function checkAdminPassword(db: Database, audit: AuditContext & { ip: string }, password: string, storedHash: string): Promise<boolean> {
  const ok = await verifyPassword(password, storedHash);
  await writeAudit(db, audit, { action: ok ? 'admin.login' : 'admin.login_failed', entity: 'session', entityId: null, details: { ip: audit.ip } });
  return ok;
}

export async function recordLogout(db: Database, audit: AuditContext & { ip: string }): Promise<void> {
  await writeAudit(db, audit, { action: 'admin.logout', entity: 'session', entityId: null, details: { ip: audit.ip } });
}
