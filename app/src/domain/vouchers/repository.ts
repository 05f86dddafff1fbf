import type { Queryable } from '../../db/database.js';
import type { Voucher } from './evaluate.js';

// Codes are stored uppercase (the table's CHECK insists); customers may type them in any case.
const codePattern = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;

/** The stored form of a code a customer typed, or null when it cannot be a code at all. */
export function normaliseVoucherCode(input: string): string | null {
  const code = input.trim().toUpperCase();
  return codePattern.test(code) ? code : null;
}

export const voucherColumns = `id, code, description, kind, amount, min_total_cents AS "minTotalCents",
  starts_at AS "startsAt", ends_at AS "endsAt", max_redemptions AS "maxRedemptions", redemptions, active`;

export async function findVoucherByCode(db: Queryable, input: string): Promise<Voucher | null> {
  const code = normaliseVoucherCode(input);
  if (code === null) return null;
  const { rows } = await db.query<Voucher>(`SELECT ${voucherColumns} FROM vouchers WHERE code = $1`, [code]);
  return rows[0] ?? null;
}
