import type { Database, Queryable } from '../../db/database.js';
import { NotFoundError, ValidationError } from '../domain-errors.js';
import { created, diff, writeAudit, type AuditContext } from './audit.js';
import { rethrowDuplicate } from './conflicts.js';
import { definedOnly } from './products.js';

export interface VoucherFields {
  code: string;
  description: string;
  kind: 'percent' | 'fixed';
  /** percent: 1..100; fixed: cents off. */
  amount: number;
  minTotalCents: number;
  startsAt: Date | null;
  endsAt: Date | null;
  maxRedemptions: number | null;
  active: boolean;
}

export interface AdminVoucher extends VoucherFields {
  id: number;
  redemptions: number;
  createdAt: Date;
  updatedAt: Date;
}

const selectVoucher = `SELECT id, code, description, kind, amount, min_total_cents AS "minTotalCents", starts_at AS "startsAt",
       ends_at AS "endsAt", max_redemptions AS "maxRedemptions", redemptions, active, created_at AS "createdAt", updated_at AS "updatedAt"
  FROM vouchers`;

export async function listVouchers(db: Queryable): Promise<AdminVoucher[]> {
  const { rows } = await db.query<AdminVoucher>(`${selectVoucher} ORDER BY created_at DESC, id DESC`);
  return rows;
}

export async function getVoucher(db: Queryable, key: { id: number } | { code: string }): Promise<AdminVoucher> {
  const { rows } = await db.query<AdminVoucher>(`${selectVoucher} WHERE ${'id' in key ? 'id' : 'code'} = $1`, ['id' in key ? key.id : key.code]);
  if (!rows[0]) throw new NotFoundError('voucher');
  return rows[0];
}

/** Rules that span fields; the table checks them too, this names the field for the form. */
function checkRules(voucher: VoucherFields, redemptions: number): void {
  const problems = [];
  if (voucher.kind === 'percent' && voucher.amount > 100) problems.push({ path: 'amount', message: 'a percentage is at most 100' });
  if (voucher.startsAt !== null && voucher.endsAt !== null && voucher.endsAt <= voucher.startsAt) problems.push({ path: 'endsAt', message: 'must be after the start' });
  if (voucher.maxRedemptions !== null && voucher.maxRedemptions < redemptions) {
    problems.push({ path: 'maxRedemptions', message: `already redeemed ${redemptions} times` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

function auditable(voucher: VoucherFields): Record<string, unknown> {
  return {
    code: voucher.code,
    description: voucher.description,
    kind: voucher.kind,
    amount: voucher.amount,
    minTotalCents: voucher.minTotalCents,
    startsAt: voucher.startsAt?.toISOString() ?? null,
    endsAt: voucher.endsAt?.toISOString() ?? null,
    maxRedemptions: voucher.maxRedemptions,
    active: voucher.active,
  };
}

export async function createVoucher(db: Database, audit: AuditContext, input: VoucherFields): Promise<AdminVoucher> {
  checkRules(input, 0);
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: number }>(
        `INSERT INTO vouchers (code, description, kind, amount, min_total_cents, starts_at, ends_at, max_redemptions, active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [input.code, input.description, input.kind, input.amount, input.minTotalCents, input.startsAt, input.endsAt, input.maxRedemptions, input.active],
      );
      const id = (rows[0] as { id: number }).id;
      await writeAudit(tx, audit, { action: 'voucher.create', entity: 'voucher', entityId: String(id), details: { changes: created(auditable(input)) } });
      return getVoucher(tx, { id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'voucher', { code: 'code' });
  }
}

export async function updateVoucher(db: Database, audit: AuditContext, key: { id: number } | { code: string }, patch: Partial<VoucherFields>): Promise<AdminVoucher> {
  try {
    return await db.transaction(async (tx) => {
      const found = await getVoucher(tx, key);
      // Locked before reading the redemption count, so a checkout cannot slip in between.
      await tx.query('SELECT id FROM vouchers WHERE id = $1 FOR UPDATE', [found.id]);
      const before = await getVoucher(tx, { id: found.id });
      const next: VoucherFields = { ...before, ...definedOnly(patch) };
      checkRules(next, before.redemptions);
      const changes = diff(auditable(before), auditable(next));
      if (Object.keys(changes).length === 0) return before;
      await tx.query(
        `UPDATE vouchers SET code = $2, description = $3, kind = $4, amount = $5, min_total_cents = $6, starts_at = $7, ends_at = $8,
                max_redemptions = $9, active = $10, updated_at = now() WHERE id = $1`,
        [before.id, next.code, next.description, next.kind, next.amount, next.minTotalCents, next.startsAt, next.endsAt, next.maxRedemptions, next.active],
      );
      await writeAudit(tx, audit, { action: 'voucher.update', entity: 'voucher', entityId: String(before.id), details: { code: before.code, changes } });
      return getVoucher(tx, { id: before.id });
    });
  } catch (error) {
    rethrowDuplicate(error, 'voucher', { code: 'code' });
  }
}
