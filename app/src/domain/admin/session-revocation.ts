import type { Database } from '../../db/database.js';
import { NotFoundError } from '../domain-errors.js';
import { writeAudit, type AuditContext } from './audit.js';
import { deleteAdminSession, deleteOtherAdminSessions } from './session.js';

// Ending sessions by hand: each deletes rows and writes its audit entry in one transaction.

export async function logOutAdmin(db: Database, audit: AuditContext & { ip: string }, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteAdminSession(tx, sessionId);
    await writeAudit(tx, audit, { action: 'admin.logout', entity: 'session', entityId: sessionId, details: { ip: audit.ip } });
  });
}

/** Ends one session by id, the caller's own included; 404 when it is already gone. */
export async function endAdminSession(db: Database, audit: AuditContext, sessionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await deleteAdminSession(tx, sessionId))) throw new NotFoundError('session');
    await writeAudit(tx, audit, { action: 'admin.session_ended', entity: 'session', entityId: sessionId, details: {} });
  });
}

/** Ends every session except the caller's; returns how many ended. */
export async function endOtherAdminSessions(db: Database, audit: AuditContext, currentId: string): Promise<number> {
  return db.transaction(async (tx) => {
    const ended = await deleteOtherAdminSessions(tx, currentId);
    await writeAudit(tx, audit, { action: 'admin.sessions_ended', entity: 'session', entityId: currentId, details: { ended } });
    return ended;
  });
}
