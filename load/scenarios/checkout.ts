// A guest buying through the REST API: a cart of its own, a unit or two of a product with
// stock, an order under a fresh Idempotency-Key, then the order read back with the access
// token the checkout returned (the order id alone reads nothing: 404). Each order ships to a
// structured address by a method picked at random from GET /api/v1/shipping-methods, and its
// total must be goods less voucher plus that shipping. Some iterations then
// repeat the order request with the same key, as a client does after a timeout, and must get
// the same order back rather than a second one, with a token of its own. The counters are
// what the runner reconciles with the database afterwards.
import http from 'k6/http';
import { check } from 'k6';
import { randomBytes } from 'k6/crypto';
import { Counter } from 'k6/metrics';
import { pick, type Catalog } from '../lib/target.ts';

export const checkoutsSucceeded = new Counter('checkouts_succeeded');
export const checkoutUnits = new Counter('checkout_units');
export const checkoutReplays = new Counter('checkout_replays');
export const checkoutsSkipped = new Counter('checkouts_skipped_out_of_stock');
export const checkoutShippingCents = new Counter('checkout_shipping_cents');

const replayShare = 0.1;
const json = { 'Content-Type': 'application/json' };
// A product sold out between setup and this iteration is the shop behaving correctly (409),
// not an error of the run.
const cartItemStatuses = http.expectedStatuses(200, 409);

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

interface CartBody {
  id: string;
  lines: { sku: string; quantity: number }[];
}
interface OrderBody {
  id: string;
  lines: { sku: string; quantity: number }[];
  subtotalCents: number;
  discountCents: number;
  shippingCents: number;
  totalCents: number;
}
interface ShippingMethodsBody {
  items: { code: string; priceCents: number; freeAboveCents: number | null }[];
}
interface PlacedOrderBody extends OrderBody {
  accessToken: string;
}

const orderReadParams = { tags: { group: 'api', name: 'api/v1/orders/:id' } };
// Without its token an order is 404 by design, not a failed request of the run.
const orderWithoutToken = { ...orderReadParams, responseCallback: http.expectedStatuses(404) };

function readOrder(base: string, id: string, token: string): OrderBody | undefined {
  const read = http.get(`${base}/api/v1/orders/${id}`, { ...orderReadParams, headers: { Authorization: `Bearer ${token}` } });
  return read.status === 200 ? (read.json() as unknown as OrderBody) : undefined;
}

export function checkout(base: string, catalog: Catalog): void {
  const created = http.post(`${base}/api/v1/carts`, null, { tags: { group: 'api', name: 'api/v1/carts' } });
  if (!check(created, { 'cart created: 201': (r) => r.status === 201 })) return;
  const cartId = (created.json() as unknown as CartBody).id;

  const sku = pick(catalog.checkoutSkus);
  const quantity = 1 + Math.floor(Math.random() * 2);
  const item = http.put(`${base}/api/v1/carts/${cartId}/items/${encodeURIComponent(sku)}`, JSON.stringify({ quantity }), {
    headers: json,
    tags: { group: 'api', name: 'api/v1/carts/:id/items/:sku' },
    responseCallback: cartItemStatuses,
  });
  if (item.status === 409) {
    checkoutsSkipped.add(1);
    return;
  }
  const line = item.status === 200 ? (item.json() as unknown as CartBody).lines.find((l) => l.sku === sku) : undefined;
  if (!check(item, { 'item added: 200 with the line': () => line !== undefined && line.quantity > 0 })) return;

  const methods = http.get(`${base}/api/v1/shipping-methods`, { tags: { group: 'api', name: 'api/v1/shipping-methods' } });
  const offered = methods.status === 200 ? (methods.json() as unknown as ShippingMethodsBody).items : [];
  if (!check(methods, { 'shipping methods listed': () => offered.length > 0 })) return;
  const method = offered[Math.floor(Math.random() * offered.length)] ?? offered[0];
  if (method === undefined) return;

  const key = `k6-${hex(randomBytes(16))}`;
  const body = JSON.stringify({
    cartId,
    email: `load+${__VU}-${__ITER}@example.com`,
    name: 'Load Test',
    address: { line1: 'Av. de los Shyris N35-52', line2: `Oficina ${__VU}`, postalCode: '170135', city: 'Quito', country: 'EC' },
    shippingMethod: method.code,
  });
  const params = { headers: { ...json, 'Idempotency-Key': key }, tags: { group: 'checkout', name: 'api/v1/orders' } };
  const placed = http.post(`${base}/api/v1/orders`, body, params);
  const order = placed.status === 201 ? (placed.json() as unknown as PlacedOrderBody) : undefined;
  const ok = check(placed, {
    'order placed: 201': (r) => r.status === 201,
    'order holds the cart line': () => order?.lines.some((l) => l.sku === sku && l.quantity === line?.quantity) === true,
    'order charges the chosen shipping': () => {
      if (order === undefined) return false;
      const goods = order.subtotalCents - order.discountCents;
      const shipping = method.freeAboveCents !== null && goods >= method.freeAboveCents ? 0 : method.priceCents;
      return order.shippingCents === shipping && order.totalCents === goods + shipping;
    },
  });
  if (!ok || order === undefined) return;
  checkoutsSucceeded.add(1);
  checkoutUnits.add(order.lines.reduce((sum, l) => sum + l.quantity, 0));
  checkoutShippingCents.add(order.shippingCents);

  check(readOrder(base, order.id, order.accessToken), { 'order read back with its token': (read) => read?.id === order.id });

  if (Math.random() < replayShare) {
    const replay = http.post(`${base}/api/v1/orders`, body, params);
    checkoutReplays.add(1);
    const replayed = replay.status === 200 ? (replay.json() as unknown as PlacedOrderBody) : undefined;
    check(replay, {
      'replay: 200 Idempotent-Replayed': (r) => r.status === 200 && r.headers['Idempotent-Replayed'] === 'true',
      'replay: the same order id': () => replayed?.id === order.id,
      'replay: its own token reads the order': () => replayed !== undefined && readOrder(base, order.id, replayed.accessToken)?.id === order.id,
    });
    const anonymous = http.get(`${base}/api/v1/orders/${order.id}`, orderWithoutToken);
    check(anonymous, { 'order without its token: 404': (r) => r.status === 404 });
  }
}
