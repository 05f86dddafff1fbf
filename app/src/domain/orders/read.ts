import type { Queryable } from '../../db/database.js';
import type { PostalAddress } from './address.js';
import type { OrderSummary } from './summary.js';

export interface OrderLine {
  productId: number;
  sku: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
}

/** An order as placed: who, where to, what, and its figures (`OrderSummary`). */
export interface Order extends OrderSummary {
  id: string;
  number: number;
  status: string;
  email: string;
  name: string;
  /** The address as printed on the parcel, one line each; for old orders, the free-form text as typed. */
  shippingAddress: string;
  /** Null for orders placed before addresses were structured (migration 007). */
  address: PostalAddress | null;
  /** The method chosen and what it cost; null for orders placed before shipping was charged. */
  shipping: { name: string; deliveryEstimate: string } | null;
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
  const { rows } = await db.query<Omit<Order, 'lines' | 'address' | 'shipping'> & StructuredColumns>(
    `SELECT id, number, status, email, customer_name AS name, shipping_address AS "shippingAddress",
            subtotal_cents AS "subtotalCents", discount_cents AS "discountCents", shipping_cents AS "shippingCents",
            total_cents + shipping_cents AS "totalCents", vat_cents AS "vatCents", vat_rate_basis_points AS "vatRateBasisPoints",
            voucher_code AS "voucherCode", created_at AS "createdAt", ${structuredColumns}
       FROM orders WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  if (row === undefined) return null;
  const order = withStructure(row);
  const items = await db.query<Omit<OrderLine, 'lineTotalCents'>>(
    `SELECT product_id AS "productId", sku, name, unit_price_cents AS "unitPriceCents", quantity
       FROM order_items WHERE order_id = $1 ORDER BY name, product_id`,
    [id],
  );
  return { ...order, lines: items.rows.map((line) => ({ ...line, lineTotalCents: line.unitPriceCents * line.quantity })) };
}

/** The structured columns of migration 007, as every order reader selects them. */
export const structuredColumns = `address_line1 AS "line1", address_line2 AS "line2", postal_code AS "postalCode", city, country,
            shipping_method_name AS "shippingMethodName", shipping_delivery_estimate AS "deliveryEstimate"`;

export interface StructuredColumns {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  shippingMethodName: string | null;
  deliveryEstimate: string | null;
}

/** The row with its address and shipping as objects, or null where the order predates them. */
export function withStructure<T extends StructuredColumns>(row: T): Omit<T, keyof StructuredColumns> & Pick<Order, 'address' | 'shipping'> {
  const { line1, line2, postalCode, city, country, shippingMethodName, deliveryEstimate, ...rest } = row;
  const address = line1 === null || postalCode === null || city === null || country === null ? null : { line1, line2: line2 ?? '', postalCode, city, country };
  const shipping = shippingMethodName === null ? null : { name: shippingMethodName, deliveryEstimate: deliveryEstimate ?? '' };
  return { ...rest, address, shipping };
}

export interface IdempotentOrder {
  id: string;
  fingerprint: string | null;
}

export async function orderByIdempotencyKey(db: Queryable, key: string): Promise<IdempotentOrder | null> {
  const { rows } = await db.query<IdempotentOrder>('SELECT id, request_fingerprint AS fingerprint FROM orders WHERE idempotency_key = $1', [key]);
  return rows[0] ?? null;
}
