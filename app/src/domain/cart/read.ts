import type { Queryable } from '../../db/database.js';
import { photosColumn, toPhotos, type ProductPhoto } from '../catalog/product-photos.js';
import { lowStockThreshold } from '../catalog/stock.js';
import { evaluateVoucher, type VoucherRejection } from '../vouchers/evaluate.js';
import { findVoucherByCode } from '../vouchers/repository.js';

export type LineWarningCode = 'unavailable' | 'exceeds_stock' | 'low_stock';

/**
 * Units in a cart, for the header badge: one aggregate instead of reading the whole cart. An
 * expired cart (see lifetime.ts) counts nothing; showing the badge is not a use of the cart.
 */
export async function countCartItems(db: Queryable, cartId: string, ttlDays: number): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    `SELECT coalesce(sum(cart_items.quantity), 0)::int AS count
       FROM cart_items JOIN carts ON carts.id = cart_items.cart_id
      WHERE cart_items.cart_id = $1 AND carts.updated_at > now() - make_interval(days => $2::int)`,
    [cartId, ttlDays],
  );
  return rows[0]?.count ?? 0;
}

export interface LineWarning {
  code: LineWarningCode;
  message: string;
}

export interface CartLine {
  productId: number;
  sku: string;
  slug: string;
  name: string;
  /** Vendor and category, which the line's illustration is drawn from. */
  vendorName: string;
  categorySlug: string;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  /** Units the shop can still sell: 0 for an inactive product. */
  stockAvailable: number;
  warnings: LineWarning[];
  /** Uploaded photos; the line shows the first, or the illustration when there is none. */
  photos: readonly ProductPhoto[];
}

export interface CartVoucherStatus {
  code: string;
  valid: boolean;
  reason: VoucherRejection | null;
  message: string | null;
  discountCents: number;
}

export interface CartTotals {
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
}

export interface Cart {
  id: string;
  lines: CartLine[];
  itemCount: number;
  voucher: CartVoucherStatus | null;
  totals: CartTotals;
  /** True when every line can be bought as it stands. */
  checkoutReady: boolean;
  updatedAt: Date;
}

interface LineRow {
  productId: number;
  sku: string;
  slug: string;
  name: string;
  vendorName: string;
  categorySlug: string;
  unitPriceCents: number;
  quantity: number;
  stock: number;
  active: boolean;
  photos: unknown;
}

function warningsFor(row: LineRow, stockAvailable: number): LineWarning[] {
  if (stockAvailable === 0) return [{ code: 'unavailable', message: 'no longer available' }];
  if (row.quantity > stockAvailable) return [{ code: 'exceeds_stock', message: `only ${stockAvailable} left: lower the quantity` }];
  if (stockAvailable <= lowStockThreshold) return [{ code: 'low_stock', message: `only ${stockAvailable} left` }];
  return [];
}

/**
 * The cart with priced lines, warnings, voucher status and totals; null when there is none.
 * It does not check expiry: callers pass a cart id that useCart (lifetime.ts) accepted.
 */
export async function readCart(db: Queryable, cartId: string, now: Date): Promise<Cart | null> {
  const cartRows = await db.query<{ id: string; voucherCode: string | null; updatedAt: Date }>(
    'SELECT id, voucher_code AS "voucherCode", updated_at AS "updatedAt" FROM carts WHERE id = $1',
    [cartId],
  );
  const cart = cartRows.rows[0];
  if (cart === undefined) return null;
  const { rows } = await db.query<LineRow>(
    `SELECT p.id AS "productId", p.sku, p.slug, p.name, v.name AS "vendorName", c.slug AS "categorySlug",
            p.price_cents AS "unitPriceCents", ci.quantity, p.stock, p.active, ${photosColumn}
       FROM cart_items ci JOIN products p ON p.id = ci.product_id
       JOIN vendors v ON v.id = p.vendor_id JOIN categories c ON c.id = p.category_id
      WHERE ci.cart_id = $1
      ORDER BY ci.added_at, p.id`,
    [cartId],
  );
  const lines = rows.map((row): CartLine => {
    const stockAvailable = row.active ? row.stock : 0;
    return {
      productId: row.productId,
      sku: row.sku,
      slug: row.slug,
      name: row.name,
      vendorName: row.vendorName,
      categorySlug: row.categorySlug,
      unitPriceCents: row.unitPriceCents,
      quantity: row.quantity,
      lineTotalCents: row.unitPriceCents * row.quantity,
      stockAvailable,
      warnings: warningsFor(row, stockAvailable),
      photos: toPhotos(row.photos),
    };
  });
  const subtotalCents = lines.reduce((sum, line) => sum + line.lineTotalCents, 0);
  let voucher: CartVoucherStatus | null = null;
  if (cart.voucherCode !== null) {
    const evaluation = evaluateVoucher(await findVoucherByCode(db, cart.voucherCode), subtotalCents, now);
    voucher = evaluation.valid
      ? { code: cart.voucherCode, valid: true, reason: null, message: null, discountCents: evaluation.discountCents }
      : { code: cart.voucherCode, valid: false, reason: evaluation.reason, message: evaluation.message, discountCents: 0 };
  }
  const discountCents = voucher?.discountCents ?? 0;
  return {
    id: cart.id,
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    voucher,
    totals: { subtotalCents, discountCents, totalCents: subtotalCents - discountCents },
    checkoutReady: lines.length > 0 && lines.every((line) => line.quantity <= line.stockAvailable),
    updatedAt: cart.updatedAt,
  };
}
