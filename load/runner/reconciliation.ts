import { z } from 'zod';
import { value, type Summary } from './k6.js';

// After the load, the shop's own records must add up to what k6 counted: every successful
// checkout is one order, its lines hold the units k6 bought, its shipping is what k6 saw
// charged, and the stock went down by exactly those units. Read as a client through the
// admin API (GET /api/v1/admin/products, /orders, /orders/:id), so the same check works on a
// local shop and on a deployment, given its admin password.

const productPage = z.object({ items: z.array(z.object({ id: z.int(), stock: z.int() })), total: z.int() });
const orderPage = z.object({ items: z.array(z.object({ id: z.string(), number: z.int() })), total: z.int() });
const orderDetail = z.object({ shippingCents: z.int(), items: z.array(z.object({ productId: z.int(), quantity: z.int() })) });

/** An admin session on one shop, reading its API. */
export interface AdminReader {
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
}

/** Logs in with the admin password; the session cookie goes with every read. */
export async function adminReader(baseUrl: string, password: string): Promise<AdminReader> {
  const login = await fetch(`${baseUrl}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
  if (login.status !== 200) throw new Error(`admin login at ${baseUrl} answered ${login.status}; is the admin password right?`);
  await login.arrayBuffer();
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const get = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(`${baseUrl}${path}`, { headers: { cookie, accept: 'application/json' } });
      // After a load run the runner's address may have used up its requests for the minute.
      if (response.status === 429 && attempt < 10) {
        await response.arrayBuffer();
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await new Promise((resolve) => setTimeout(resolve, Math.min(60, Number.isFinite(seconds) ? Math.max(1, seconds) : 1) * 1000));
        continue;
      }
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}`);
      const parsed = schema.safeParse(await response.json());
      if (!parsed.success) throw new Error(`GET ${path} answered something else than expected: ${z.prettifyError(parsed.error)}`);
      return parsed.data;
    }
  };
  return { get };
}

/** Where the shop stood before the load: every product's stock, and the newest order's number. */
export interface Baseline {
  stock: Map<number, number>;
  lastOrderNumber: number;
}

async function stockOf(admin: AdminReader): Promise<Map<number, number>> {
  const stock = new Map<number, number>();
  for (let page = 1; ; page += 1) {
    const { items, total } = await admin.get(`/api/v1/admin/products?page=${page}&pageSize=100`, productPage);
    for (const item of items) stock.set(item.id, item.stock);
    if (items.length === 0 || page * 100 >= total) return stock;
  }
}

export async function baseline(admin: AdminReader): Promise<Baseline> {
  const newest = await admin.get('/api/v1/admin/orders?page=1&pageSize=1', orderPage);
  return { stock: await stockOf(admin), lastOrderNumber: newest.items[0]?.number ?? 0 };
}

/** The orders placed since the baseline (the list is newest first), each with its lines and shipping. */
async function ordersSince(admin: AdminReader, lastOrderNumber: number): Promise<z.output<typeof orderDetail>[]> {
  const ids: string[] = [];
  for (let page = 1; ; page += 1) {
    const { items } = await admin.get(`/api/v1/admin/orders?page=${page}&pageSize=100`, orderPage);
    const newer = items.filter((order) => order.number > lastOrderNumber);
    ids.push(...newer.map((order) => order.id));
    if (items.length < 100 || newer.length < items.length) break;
  }
  const details: z.output<typeof orderDetail>[] = [];
  let next = 0;
  // A few reads at a time: quick on a local shop, gentle on a deployment's rate limit.
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < ids.length) {
      const id = ids[next];
      next += 1;
      if (id !== undefined) details.push(await admin.get(`/api/v1/admin/orders/${id}`, orderDetail));
    }
  }));
  return details;
}

/** Every mismatch between the shop's records and k6's counters, as readable lines. */
export async function reconcile(admin: AdminReader, before: Baseline, summary: Summary): Promise<string[]> {
  const problems: string[] = [];
  const checkouts = value(summary, 'checkouts_succeeded', 'count');
  const units = value(summary, 'checkout_units', 'count');
  const shippingCents = value(summary, 'checkout_shipping_cents', 'count');

  const orders = await ordersSince(admin, before.lastOrderNumber);
  if (orders.length !== checkouts) problems.push(`orders placed during the run: ${orders.length}, successful checkouts counted by k6: ${checkouts}`);
  // Shipping is charged from the database in the order's transaction; what the orders hold
  // must add up to what k6 saw charged.
  const storedShipping = orders.reduce((sum, order) => sum + order.shippingCents, 0);
  if (storedShipping !== shippingCents) problems.push(`shipping charged on those orders: ${storedShipping} cents, shipping k6 saw charged: ${shippingCents} cents`);
  const soldByProduct = new Map<number, number>();
  for (const line of orders.flatMap((order) => order.items)) soldByProduct.set(line.productId, (soldByProduct.get(line.productId) ?? 0) + line.quantity);
  const ordered = [...soldByProduct.values()].reduce((sum, quantity) => sum + quantity, 0);
  if (ordered !== units) problems.push(`units on their order lines: ${ordered}, units k6 bought: ${units}`);

  const after = await stockOf(admin);
  let taken = 0;
  for (const [id, stockBefore] of before.stock) {
    const decrement = stockBefore - (after.get(id) ?? Number.NaN);
    taken += decrement;
    const expected = soldByProduct.get(id) ?? 0;
    if (decrement !== expected) problems.push(`product ${id}: stock went from ${stockBefore} to ${after.get(id) ?? 'gone'}, but the run's order lines hold ${expected}`);
  }
  if (taken !== units) problems.push(`stock taken across the catalog: ${taken}, units k6 bought: ${units}`);
  return problems;
}
