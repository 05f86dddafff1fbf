import type { Queryable } from '../../db/database.js';
import { lowStockThreshold } from '../catalog/stock.js';
import { NotFoundError } from '../domain-errors.js';
import { structuredColumns, withStructure, type Order, type StructuredColumns } from '../orders/read.js';

export interface OrderSummary {
  id: string;
  number: number;
  createdAt: Date;
  email: string;
  customerName: string;
  totalCents: number;
  status: string;
  itemCount: number;
}

export interface OrderItem {
  productId: number;
  sku: string;
  name: string;
  unitPriceCents: number;
  quantity: number;
}

export interface OrderDetail extends OrderSummary, Pick<Order, 'address' | 'shipping' | 'vatCents' | 'vatRateBasisPoints'> {
  shippingAddress: string;
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  voucherCode: string | null;
  items: OrderItem[];
}

const summaryColumns = `o.id, o.number, o.created_at AS "createdAt", o.email, o.customer_name AS "customerName",
       o.total_cents + o.shipping_cents AS "totalCents", o.status,
       (SELECT coalesce(sum(i.quantity), 0)::int FROM order_items i WHERE i.order_id = o.id) AS "itemCount"`;

export async function listOrders(db: Queryable, page: number, pageSize: number): Promise<{ items: OrderSummary[]; total: number }> {
  const { rows } = await db.query<OrderSummary>(`SELECT ${summaryColumns} FROM orders o ORDER BY o.created_at DESC, o.number DESC LIMIT $1 OFFSET $2`, [
    pageSize,
    (page - 1) * pageSize,
  ]);
  const count = await db.query<{ total: number }>('SELECT count(*)::int AS total FROM orders');
  return { items: rows, total: count.rows[0]?.total ?? 0 };
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getOrder(db: Queryable, id: string): Promise<OrderDetail> {
  // A malformed id cannot name an order; checked here so PostgreSQL never sees a bad uuid.
  if (!uuidPattern.test(id)) throw new NotFoundError('order');
  const { rows } = await db.query<Omit<OrderDetail, 'items' | 'address' | 'shipping'> & StructuredColumns>(
    `SELECT ${summaryColumns}, o.shipping_address AS "shippingAddress", o.subtotal_cents AS "subtotalCents",
            o.discount_cents AS "discountCents", o.shipping_cents AS "shippingCents", o.vat_cents AS "vatCents",
            o.vat_rate_basis_points AS "vatRateBasisPoints", o.voucher_code AS "voucherCode", ${structuredColumns}
       FROM orders o WHERE o.id = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('order');
  const order = withStructure(row);
  const items = await db.query<OrderItem>(
    `SELECT product_id AS "productId", sku, name, unit_price_cents AS "unitPriceCents", quantity
       FROM order_items WHERE order_id = $1 ORDER BY name, sku`,
    [id],
  );
  return { ...order, items: items.rows };
}

export interface DashboardCounts {
  products: number;
  lowStock: number;
  ordersToday: number;
}

export async function dashboardCounts(db: Queryable): Promise<DashboardCounts> {
  const { rows } = await db.query<DashboardCounts>(
    `SELECT (SELECT count(*)::int FROM products) AS products,
            (SELECT count(*)::int FROM products WHERE active AND stock <= $1) AS "lowStock",
            (SELECT count(*)::int FROM orders WHERE created_at >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS "ordersToday"`,
    [lowStockThreshold],
  );
  return rows[0] as DashboardCounts;
}
