import type { Queryable } from '../../db/database.js';

export interface ShippingMethod {
  id: number;
  code: string;
  name: string;
  priceCents: number;
  /** Goods worth at least this much (after the voucher) ship free; null: never free. */
  freeAboveCents: number | null;
  deliveryEstimate: string;
  position: number;
  active: boolean;
}

export const shippingMethodColumns = `id, code, name, price_cents AS "priceCents", free_above_cents AS "freeAboveCents",
       delivery_estimate AS "deliveryEstimate", position, active`;

/** Methods a shopper can choose, in display order. */
export async function activeShippingMethods(db: Queryable): Promise<ShippingMethod[]> {
  const { rows } = await db.query<ShippingMethod>(`SELECT ${shippingMethodColumns} FROM shipping_methods WHERE active ORDER BY position, id`);
  return rows;
}

export async function shippingMethodByCode(db: Queryable, code: string): Promise<ShippingMethod | null> {
  const { rows } = await db.query<ShippingMethod>(`SELECT ${shippingMethodColumns} FROM shipping_methods WHERE code = $1`, [code]);
  return rows[0] ?? null;
}
