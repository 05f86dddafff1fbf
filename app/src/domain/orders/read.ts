import type { Queryable } from '../../db/database.js';

export interface OrderLine {
  productId: number;
  sku: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
}

export interface Order {
  id: string;
  number: number;
  status: string;
  email: string;
  name: string;
  shippingAddress: string;
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  voucherCode: string | null;
  createdAt: Date;
  lines: OrderLine[];
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}

/** The order with its lines, or null when there is none (or `id` cannot be an order id). */
export async function readOrder(db: Queryable, id: string): Promise<Order | null> {
  if (!isUuid(id)) return null;
  const { rows } = await db.query<Omit<Order, 'lines'>>(
    `SELECT id, number, status, email, customer_name AS name, shipping_address AS "shippingAddress",
            subtotal_cents AS "subtotalCents", discount_cents AS "discountCents", total_cents AS "totalCents",
            voucher_code AS "voucherCode", created_at AS "createdAt"
       FROM orders WHERE id = $1`,
    [id],
  );
  const order = rows[0];
  if (order === undefined) return null;
  const items = await db.query<Omit<OrderLine, 'lineTotalCents'>>(
    `SELECT product_id AS "productId", sku, name, unit_price_cents AS "unitPriceCents", quantity
       FROM order_items WHERE order_id = $1 ORDER BY name, product_id`,
    [id],
  );
  return { ...order, lines: items.rows.map((line) => ({ ...line, lineTotalCents: line.unitPriceCents * line.quantity })) };
}

export interface IdempotentOrder {
  id: string;
  fingerprint: string | null;
}

export async function orderByIdempotencyKey(db: Queryable, key: string): Promise<IdempotentOrder | null> {
  const { rows } = await db.query<IdempotentOrder>('SELECT id, request_fingerprint AS fingerprint FROM orders WHERE idempotency_key = $1', [key]);
  return rows[0] ?? null;
}
