import type { Database, Queryable } from '../../db/database.js';
import { traceCheckout } from '../../observability/checkout-span.js';
import type { Metrics } from '../../observability/metrics.js';
import { VoucherRejectedError } from '../cart/voucher.js';
import { ConflictError, DatabaseUnavailableError, DomainError, NotFoundError, UnprocessableError, type FieldProblem } from '../domain-errors.js';
import { discountCents } from '../vouchers/discount.js';
import { evaluateVoucher, type Voucher } from '../vouchers/evaluate.js';
import { findVoucherByCode, voucherColumns } from '../vouchers/repository.js';
import { shippingChargeCents } from '../shipping/charge.js';
import { shippingMethodByCode, type ShippingMethod } from '../shipping/methods.js';
import { issueAccessToken, newAccessToken } from './access-token.js';
import { addressLines } from './address.js';
import { normaliseCheckoutRequest, requestFingerprint, type CheckoutRequest } from './fingerprint.js';
import { orderByIdempotencyKey, readOrder, type Order } from './read.js';
import { shopCountry, shopVat } from './shop-country.js';
import { orderSummary, type OrderSummary } from './summary.js';

export interface PlaceOrderInput extends CheckoutRequest {
  /** A client's retry key: the same key and request return the first order instead of a new one. */
  idempotencyKey: string | null;
  /** Carts unused for this many days are expired and cannot be checked out. */
  cartTtlDays: number;
  /**
   * The total the shopper was shown, shipping included (checkout page, possibly from a cached
   * catalog). When the total this transaction computes from the locked rows and the shipping
   * rules differs, nothing is placed and the shopper is told the new figures (409
   * price_changed) before paying. Null: no check.
   */
  expectedTotalCents?: number | null | undefined;
}

export interface PlaceOrderResult {
  order: Order;
  /** True when the key had already created this order and nothing new was created. */
  replayed: boolean;
  /**
   * The token that reads this order (GET /api/v1/orders/{id}, the order page). Only its
   * SHA-256 is stored, so this is the one chance to hand it over; a replay issues a fresh one.
   */
  accessToken: string;
}

interface LineRow {
  productId: number;
  quantity: number;
  name: string;
}

interface SoldLine {
  productId: number;
  quantity: number;
  sku: string;
  name: string;
  unitPriceCents: number;
}

/**
 * Decrements every product's stock with a conditional update. In PostgreSQL each UPDATE waits
 * for a concurrent checkout's row lock and re-checks `stock >= quantity` on the committed row,
 * so two buyers of the last unit cannot both succeed. Lines come in product id order, so
 * checkouts of overlapping carts lock rows in the same order and cannot deadlock.
 */
async function takeStock(tx: Queryable, lines: LineRow[]): Promise<SoldLine[]> {
  const sold: SoldLine[] = [];
  const short: FieldProblem[] = [];
  const shortNames: string[] = [];
  for (const line of lines) {
    const { rows } = await tx.query<{ sku: string; name: string; unitPriceCents: number }>(
      `UPDATE products SET stock = stock - $2, updated_at = now()
        WHERE id = $1 AND stock >= $2 AND active
        RETURNING sku, name, price_cents AS "unitPriceCents"`,
      [line.productId, line.quantity],
    );
    const row = rows[0];
    if (row !== undefined) {
      sold.push({ productId: line.productId, quantity: line.quantity, ...row });
      continue;
    }
    const current = await tx.query<{ sku: string; name: string; stock: number; active: boolean }>(
      'SELECT sku, name, stock, active FROM products WHERE id = $1',
      [line.productId],
    );
    const product = current.rows[0];
    const left = product === undefined || !product.active ? 0 : product.stock;
    const message = left === 0 ? 'no longer available' : `only ${left} left`;
    short.push({ path: `lines.${product?.sku ?? String(line.productId)}`, message });
    shortNames.push(`${product?.name ?? line.name} (${message})`);
  }
  if (short.length > 0) {
    throw new ConflictError('out_of_stock', `Not enough stock for: ${shortNames.join(', ')}`, short);
  }
  return sold;
}

/**
 * Redeems the voucher with a conditional update, so concurrent checkouts cannot take more
 * redemptions than max_redemptions; the UPDATE re-checks the row a concurrent redemption wrote.
 */
async function redeemVoucher(tx: Queryable, code: string, subtotalCents: number, now: Date): Promise<{ voucher: Voucher; discountCents: number }> {
  const evaluation = evaluateVoucher(await findVoucherByCode(tx, code), subtotalCents, now);
  if (!evaluation.valid) throw refusal(evaluation);
  const { rows } = await tx.query<Voucher>(
    `UPDATE vouchers SET redemptions = redemptions + 1, updated_at = now()
      WHERE id = $1 AND active
        AND (max_redemptions IS NULL OR redemptions < max_redemptions)
        AND (starts_at IS NULL OR starts_at <= $2)
        AND (ends_at IS NULL OR ends_at > $2)
        AND min_total_cents <= $3
      RETURNING ${voucherColumns}`,
    [evaluation.voucher.id, now, subtotalCents],
  );
  const redeemed = rows[0];
  if (redeemed === undefined) {
    // Someone changed the voucher between our read and our update: say why it no longer applies.
    const again = evaluateVoucher(await findVoucherByCode(tx, code), subtotalCents, now);
    throw again.valid ? new ConflictError('voucher_exhausted', 'This voucher has been fully redeemed.') : refusal(again);
  }
  return { voucher: redeemed, discountCents: discountCents(redeemed.kind, redeemed.amount, subtotalCents) };
}

function refusal(evaluation: Extract<ReturnType<typeof evaluateVoucher>, { valid: false }>): DomainError {
  if (evaluation.reason === 'exhausted') {
    return new ConflictError('voucher_exhausted', evaluation.message, [{ path: 'voucher', message: evaluation.message }]);
  }
  return new VoucherRejectedError(evaluation);
}

function dollars(cents: number): string {
  return `$${(cents / 100).toFixed(2)}`;
}

/** The figures this transaction read, for a shopper who saw others. */
function priceChanged(expected: number, summary: OrderSummary, method: ShippingMethod, sold: SoldLine[]): ConflictError {
  const total = summary.totalCents;
  return new ConflictError(
    'price_changed',
    `Prices changed since your cart was shown: the total is now ${dollars(total)}, not ${dollars(expected)}. Nothing was ordered or charged; check the new figures and place the order again.`,
    [
      { path: 'expectedTotalCents', message: `the total is now ${total} cents` },
      { path: 'shippingMethod', message: `${method.name} shipping is now ${summary.shippingCents} cents` },
      ...sold.map((line) => ({ path: `lines.${line.sku}`, message: `now ${line.unitPriceCents} cents each, ${line.quantity} in the cart` })),
    ],
  );
}

/** The chosen method, read in the order's transaction: its price now is the price charged. */
async function chosenShippingMethod(tx: Queryable, code: string): Promise<ShippingMethod> {
  const method = await shippingMethodByCode(tx, code.trim().toLowerCase());
  if (method === null || !method.active) {
    const message = `Shipping method "${code}" is not available; choose one of the methods offered at checkout (GET /api/v1/shipping-methods).`;
    throw new UnprocessableError('shipping_method_unavailable', message, [{ path: 'shippingMethod', message: 'not available: choose another shipping method' }]);
  }
  return method;
}

interface CreatedOrder {
  orderId: string;
  accessToken: string;
}

async function createOrder(tx: Queryable, input: PlaceOrderInput, fingerprint: string, now: Date): Promise<CreatedOrder> {
  // Locking the cart first makes a concurrent checkout of the same cart wait here, then find
  // the cart gone; the caller turns that into a replay when the idempotency key matches. An
  // expired cart (cart/lifetime.ts) is gone too, even before the periodic prune deletes it.
  const carts = await tx.query<{ voucherCode: string | null }>(
    `SELECT voucher_code AS "voucherCode" FROM carts
      WHERE id = $1 AND updated_at > now() - make_interval(days => $2::int) FOR UPDATE`,
    [input.cartId, input.cartTtlDays],
  );
  const cart = carts.rows[0];
  if (cart === undefined) throw new NotFoundError('cart');
  const { rows: lines } = await tx.query<LineRow>(
    `SELECT ci.product_id AS "productId", ci.quantity, p.name
       FROM cart_items ci JOIN products p ON p.id = ci.product_id
      WHERE ci.cart_id = $1 ORDER BY ci.product_id`,
    [input.cartId],
  );
  if (lines.length === 0) throw new UnprocessableError('cart_empty', 'The cart is empty: add a product before checking out.');

  const sold = await takeStock(tx, lines);
  const subtotalCents = sold.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const redemption = cart.voucherCode === null ? null : await redeemVoucher(tx, cart.voucherCode, subtotalCents, now);
  const discount = redemption?.discountCents ?? 0;
  const method = await chosenShippingMethod(tx, input.shippingMethod);
  const summary = orderSummary({ subtotalCents, discountCents: discount, shippingCents: shippingChargeCents(method, subtotalCents - discount) });
  if (input.expectedTotalCents !== undefined && input.expectedTotalCents !== null && input.expectedTotalCents !== summary.totalCents) {
    throw priceChanged(input.expectedTotalCents, summary, method, sold);
  }

  const customer = normaliseCheckoutRequest(input);
  if (customer.address.country !== shopCountry.code) {
    throw new UnprocessableError('country_not_served', `The shop delivers only within ${shopCountry.name} (${shopCountry.code}).`, [
      { path: 'address.country', message: `we deliver only within ${shopCountry.name} (${shopCountry.code})` },
    ]);
  }
  const access = newAccessToken();
  // total_cents stays goods after the voucher (migration 007); shipping is charged on top.
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO orders (idempotency_key, request_fingerprint, cart_id, email, customer_name, shipping_address,
                         subtotal_cents, discount_cents, total_cents, voucher_id, voucher_code, created_at, access_token_sha256,
                         address_line1, address_line2, postal_code, city, country,
                         shipping_method_id, shipping_method_name, shipping_delivery_estimate, shipping_cents, vat_rate_basis_points, vat_cents)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, ARRAY[$13::bytea], $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24) RETURNING id`,
    [
      input.idempotencyKey,
      fingerprint,
      input.cartId,
      customer.email,
      customer.name,
      addressLines(customer.address, shopCountry.name).join('\n'),
      subtotalCents,
      discount,
      subtotalCents - discount,
      redemption?.voucher.id ?? null,
      redemption?.voucher.code ?? null,
      now,
      access.sha256,
      customer.address.line1,
      customer.address.line2,
      customer.address.postalCode,
      customer.address.city,
      customer.address.country,
      method.id,
      method.name,
      method.deliveryEstimate,
      summary.shippingCents,
      shopVat.rateBasisPoints,
      summary.vatCents,
    ],
  );
  const orderId = inserted.rows[0]?.id;
  if (orderId === undefined) throw new Error('INSERT INTO orders returned no row');
  for (const line of sold) {
    await tx.query(
      'INSERT INTO order_items (order_id, product_id, sku, name, unit_price_cents, quantity) VALUES ($1, $2, $3, $4, $5, $6)',
      [orderId, line.productId, line.sku, line.name, line.unitPriceCents, line.quantity],
    );
  }
  await tx.query('DELETE FROM carts WHERE id = $1', [input.cartId]);
  return { orderId, accessToken: access.token };
}

/**
 * The order an earlier request with this key created, if the key was used for this same
 * request, with a fresh access token: a client retrying after a lost response must still be
 * able to read what it bought.
 */
async function replay(db: Queryable, key: string, fingerprint: string): Promise<PlaceOrderResult | null> {
  const existing = await orderByIdempotencyKey(db, key);
  if (existing === null) return null;
  if (existing.fingerprint !== fingerprint) {
    throw new UnprocessableError('idempotency_key_reused', 'This Idempotency-Key was already used for a different request.', [
      { path: 'headers.idempotency-key', message: 'already used for a different request' },
    ]);
  }
  const order = await readOrder(db, existing.id);
  if (order === null) throw new Error(`order ${existing.id} vanished`);
  return { order, replayed: true, accessToken: await issueAccessToken(db, existing.id) };
}

/**
 * A retry of a checkout that already succeeded, without attempting a new one: the order this
 * key created for this same request, or null. For a form resubmitted after its cart is gone.
 */
export async function replayCheckout(db: Queryable, input: PlaceOrderInput & { idempotencyKey: string }): Promise<PlaceOrderResult | null> {
  return replay(db, input.idempotencyKey, requestFingerprint(input));
}

/**
 * Checkout in one transaction: stock, voucher, order, order lines and the cart's removal all
 * commit together or not at all. With an idempotency key, a request that already created an
 * order returns it; of two concurrent requests with one key, the loser fails inside its
 * transaction (cart gone, or the unique index on orders.idempotency_key) and then finds the
 * winner's order.
 */
export async function placeOrder(db: Database, input: PlaceOrderInput, now: Date = new Date()): Promise<PlaceOrderResult> {
  const fingerprint = requestFingerprint(input);
  const key = input.idempotencyKey;
  if (key !== null) {
    const earlier = await replay(db, key, fingerprint);
    if (earlier !== null) return earlier;
  }
  let created: CreatedOrder;
  try {
    created = await db.transaction((tx) => createOrder(tx, input, fingerprint, now));
  } catch (error) {
    // Without a database the replay would only wait for another timeout; the client's retry
    // with the same key finds the order if the lost COMMIT did commit.
    if (key !== null && !(error instanceof DatabaseUnavailableError)) {
      const winner = await replay(db, key, fingerprint);
      if (winner !== null) return winner;
    }
    throw error;
  }
  const order = await readOrder(db, created.orderId);
  if (order === null) throw new Error(`order ${created.orderId} not readable after commit`);
  return { order, replayed: false, accessToken: created.accessToken };
}

/** placeOrder plus the shop's checkout metrics (new orders, refusals by reason) and its span. */
export async function checkout(db: Database, metrics: Metrics, input: PlaceOrderInput, now: Date = new Date()): Promise<PlaceOrderResult> {
  try {
    const result = await traceCheckout(() => placeOrder(db, input, now));
    if (!result.replayed) metrics.ordersCreated.inc();
    return result;
  } catch (error) {
    if (error instanceof DomainError) metrics.checkoutFailures.inc({ reason: error.code });
    throw error;
  }
}
