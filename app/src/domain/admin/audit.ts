import type { Queryable } from '../../db/database.js';

// Every admin change is recorded here by the same transaction that makes it, so the log can
// never claim a change that was rolled back nor miss one that was committed.

export interface AuditContext {
  actor: string;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

export async function writeAudit(db: Queryable, context: AuditContext, entry: AuditEntry): Promise<void> {
  await db.query('INSERT INTO audit_log (actor, action, entity, entity_id, details, request_id) VALUES ($1, $2, $3, $4, $5, $6)', [
    context.actor,
    entry.action,
    entry.entity,
    entry.entityId,
    JSON.stringify(entry.details),
    context.requestId,
  ]);
}

export type Changes = Record<string, { before: unknown; after: unknown }>;

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `after` whose value differs from `before`, with both values. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (!same(before[key], value)) changes[key] = { before: before[key] ?? null, after: value };
  }
  return changes;
}

/** A created row as changes from nothing, so the log reads the same for creates and updates. */
export function created(row: Record<string, unknown>): Changes {
  const changes: Changes = {};
  for (const [key, value] of Object.entries(row)) changes[key] = { before: null, after: value ?? null };
  return changes;
}

export interface AuditRow {
  id: number;
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  details: Record<string, unknown>;
  requestId: string | null;
}

export async function listAudit(db: Queryable, page: number, pageSize: number): Promise<{ items: AuditRow[]; total: number }> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, at, actor, action, entity, entity_id AS "entityId", details, request_id AS "requestId"
       FROM audit_log ORDER BY at DESC, id DESC LIMIT $1 OFFSET $2`,
    [pageSize, (page - 1) * pageSize],
  );
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM audit_log');
  return { items: rows, total: count.rows[0]?.total ?? 0 };
}
