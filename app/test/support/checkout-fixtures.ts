import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Registry } from 'prom-client';
import { expect } from 'vitest';

// Helpers for cart and checkout tests: carts built through the public API (so they are real
// carts), cookies carried between HTML requests, and metric values read from the registry.

export async function apiCart(app: FastifyInstance, lines: { sku: string; quantity: number }[] = [], voucherCode?: string): Promise<string> {
  const created = await app.inject({ method: 'POST', url: '/api/v1/carts' });
  expect(created.statusCode).toBe(201);
  const id = (created.json<{ id: string }>()).id;
  for (const line of lines) {
    const response = await app.inject({ method: 'PUT', url: `/api/v1/carts/${id}/items/${line.sku}`, payload: { quantity: line.quantity } });
    expect(response.statusCode).toBe(200);
  }
  if (voucherCode !== undefined) {
    const response = await app.inject({ method: 'PUT', url: `/api/v1/carts/${id}/voucher`, payload: { code: voucherCode } });
    expect(response.statusCode).toBe(200);
  }
  return id;
}

/** A delivery address in the shop's country, as the API takes it. */
export const apiAddress = { line1: 'Av. Amazonas N34-451', line2: 'Edificio Torre Azul, piso 3', postalCode: '170150', city: 'Quito', country: 'EC' };

export function orderRequest(cartId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { cartId, email: 'ada@example.com', name: 'Ada Lovelace', address: apiAddress, shippingMethod: 'standard', ...overrides };
}

/** The checkout form's fields as a shopper fills them (the radio group defaults to standard). */
export function checkoutFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    email: 'grace@example.com',
    name: 'Grace Hopper',
    addressLine1: 'Calle Larga 7-45',
    addressLine2: '',
    postalCode: '010101',
    city: 'Cuenca',
    country: 'EC',
    shippingMethod: 'standard',
    ...overrides,
  };
}

/** The `name=value` of a Set-Cookie, to send back on the next request as a browser would. */
export function cookieFrom(response: LightMyRequestResponse, name = 'cart'): string | undefined {
  const header = response.headers['set-cookie'];
  const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const found = all.find((cookie) => cookie.startsWith(`${name}=`));
  return found?.split(';')[0];
}

/** A form body as a browser sends it. */
export function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export async function metricValue(registry: Registry, name: string, labels: Record<string, string> = {}): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (metric === undefined) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((value) => Object.entries(labels).every(([key, wanted]) => (value.labels as Record<string, unknown>)[key] === wanted))
    .reduce((sum, value) => sum + value.value, 0);
}

/**
 * A visitor with a cookie jar (the cart, the orders it placed): each response's Set-Cookie is
 * kept and sent on the next request, as a browser does. Paths are ignored: every cookie goes
 * on every request.
 */
export class Visitor {
  readonly cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

  /** The cart cookie as `cart=value`, if the visitor holds one. */
  get cookie(): string | undefined {
    return this.cookies.get('cart');
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.keep(await this.app.inject({ method: 'GET', url, headers: this.cookieHeader() }));
  }

  async post(url: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const body = form(fields);
    return this.keep(await this.app.inject({ method: 'POST', url, headers: { ...body.headers, ...this.cookieHeader() }, payload: body.payload }));
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies.values()].join('; ') };
  }

  private keep(response: LightMyRequestResponse): LightMyRequestResponse {
    const header = response.headers['set-cookie'];
    const all = header === undefined ? [] : Array.isArray(header) ? header : [header];
    for (const cookie of all) {
      const pair = cookie.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      // A cleared cookie comes back empty with an expiry in the past.
      if (pair === `${name}=`) this.cookies.delete(name);
      else this.cookies.set(name, pair);
    }
    return response;
  }
}
