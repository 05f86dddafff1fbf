import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Queryable } from '../../src/db/database.js';
import { testAdminPassword } from './config.js';
import type { ProductRow } from './fixtures.js';

type InjectResponse = Awaited<ReturnType<FastifyInstance['inject']>>;

/**
 * A browser-like client for app.inject(): keeps the cookies the app sets (session, CSRF
 * secret) and sends them back, so tests go through the same steps a person or script would.
 */
export class AdminClient {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<InjectResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({ ...options, headers: { ...(cookie === '' ? {} : { cookie }), ...options.headers } });
    for (const set of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = set.value === '' || set.maxAge === 0 || (set.expires !== undefined && set.expires.getTime() <= Date.now());
      if (expired) this.cookies.delete(set.name);
      else this.cookies.set(set.name, set.value);
    }
    return response;
  }

  /** POST /api/v1/admin/session; returns the CSRF token for later unsafe requests. */
  async loginApi(password: string = testAdminPassword): Promise<string> {
    const response = await this.request({ method: 'POST', url: '/api/v1/admin/session', payload: { password } });
    if (response.statusCode !== 200) throw new Error(`API login failed: ${response.statusCode} ${response.body}`);
    return response.json<{ csrfToken: string }>().csrfToken;
  }

  /** The hidden _csrf value of a page's forms. */
  async csrfFrom(url: string): Promise<string> {
    const response = await this.request({ method: 'GET', url });
    const match = /name="_csrf" value="([^"]+)"/.exec(response.body);
    if (!match?.[1]) throw new Error(`no CSRF field on ${url} (status ${response.statusCode})`);
    return match[1];
  }

  async submit(url: string, fields: Record<string, string>, csrfFromUrl: string = url): Promise<InjectResponse> {
    const token = await this.csrfFrom(csrfFromUrl);
    return this.postForm(url, { _csrf: token, ...fields });
  }

  async postForm(url: string, fields: Record<string, string>): Promise<InjectResponse> {
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });
  }

  /** Through the HTML login form, as a browser would. */
  async loginHtml(password: string = testAdminPassword): Promise<InjectResponse> {
    return this.submit('/admin/login', { password, next: '/admin' });
  }
}

export async function auditRows(db: Queryable, action: string): Promise<{ entity_id: string | null; details: Record<string, unknown>; request_id: string | null; actor: string }[]> {
  const { rows } = await db.query<{ entity_id: string | null; details: Record<string, unknown>; request_id: string | null; actor: string }>(
    'SELECT entity_id, details, request_id, actor FROM audit_log WHERE action = $1 ORDER BY id',
    [action],
  );
  return rows;
}

export interface OrderRow {
  id: string;
  number: number;
}

/** An order as checkout would leave it, written straight into the tables. */
export async function insertOrder(
  db: Queryable,
  values: { email?: string; customerName?: string; status?: string; items: { product: ProductRow; quantity: number }[]; createdAt?: Date },
): Promise<OrderRow> {
  const subtotal = values.items.reduce((sum, item) => sum + item.product.price_cents * item.quantity, 0);
  const { rows } = await db.query<OrderRow>(
    `INSERT INTO orders (email, customer_name, shipping_address, subtotal_cents, discount_cents, total_cents, status, created_at)
     VALUES ($1, $2, $3, $4, 0, $4, $5, $6) RETURNING id, number`,
    [values.email ?? 'buyer@example.com', values.customerName ?? 'Ada Buyer', '1 Main Street\nSpringfield', subtotal, values.status ?? 'placed', values.createdAt ?? new Date()],
  );
  const order = rows[0] as OrderRow;
  for (const item of values.items) {
    await db.query('INSERT INTO order_items (order_id, product_id, sku, name, unit_price_cents, quantity) VALUES ($1, $2, $3, $4, $5, $6)', [
      order.id,
      item.product.id,
      item.product.sku,
      item.product.name,
      item.product.price_cents,
      item.quantity,
    ]);
  }
  return order;
}

/** Tests log in many times from one address; only the rate-limit test keeps the real budget. */
export const manyLogins = { LOGIN_RATE_LIMIT_MAX: '1000' };
