import type { Queryable } from '../../db/database.js';
import { NotFoundError, UnprocessableError } from '../domain-errors.js';
import { evaluateVoucher, type VoucherEvaluation } from '../vouchers/evaluate.js';
import { findVoucherByCode } from '../vouchers/repository.js';
import { readCart } from './read.js';

/** Refusal of a voucher: 422 with code voucher_<reason> and the reason's message. */
export class VoucherRejectedError extends UnprocessableError {
  constructor(readonly evaluation: Extract<VoucherEvaluation, { valid: false }>) {
    super(`voucher_${evaluation.reason}`, evaluation.message, [{ path: 'code', message: evaluation.message }]);
  }
}

/**
 * Stores the voucher on the cart only if it gives a discount on the cart as it is now; the
 * checkout evaluates it again, since time passes and redemptions run out.
 */
export async function applyVoucher(db: Queryable, cartId: string, input: string, now: Date): Promise<string> {
  const cart = await readCart(db, cartId, now);
  if (cart === null) throw new NotFoundError('cart');
  const evaluation = evaluateVoucher(await findVoucherByCode(db, input), cart.totals.subtotalCents, now);
  if (!evaluation.valid) throw new VoucherRejectedError(evaluation);
  await db.query('UPDATE carts SET voucher_code = $2, updated_at = now() WHERE id = $1', [cartId, evaluation.voucher.code]);
  return evaluation.voucher.code;
}

export async function removeVoucher(db: Queryable, cartId: string): Promise<void> {
  const { rowCount } = await db.query('UPDATE carts SET voucher_code = NULL, updated_at = now() WHERE id = $1', [cartId]);
  if (rowCount === 0) throw new NotFoundError('cart');
}
