import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import type { Database } from '../../../src/db/database.js';
import { migrate, readMigrations } from '../../../src/db/migrate.js';
import { hashAccessToken, newAccessToken } from '../../../src/domain/orders/access-token.js';
import { AdminClient, manyLogins } from '../../support/admin-fixtures.js';
import { Visitor } from '../../support/checkout-fixtures.js';
import { testConfig } from '../../support/config.js';
import { createEmptyDatabase } from '../../support/database.js';
import { insertProduct } from '../../support/fixtures.js';

// Orders placed before migration 007 hold a free-form address and no shipping or VAT. After
// the migration they must read exactly as before: nothing split, guessed or lost.
describe('orders placed before structured addresses (migration 007)', () => {
  let db: Database;
  let app: FastifyInstance;
  let orderId: string;
  let token: string;
  const freeForm = 'Calle 10 de Agosto y Riofrío\r\nEdificio "Casa Vieja", 2º\nQuito  170403';

  beforeAll(async () => {
    db = await createEmptyDatabase();
    const migrations = await readMigrations();
    await migrate(db, migrations.filter((migration) => migration.version < 7));
    const product = await insertProduct(db, { priceCents: 12_345, stock: 3 });
    const access = newAccessToken();
    token = access.token;
    // The row as the release before 007 wrote it (columns of migrations 002 and 005 only).
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO orders (email, customer_name, shipping_address, subtotal_cents, discount_cents, total_cents, access_token_sha256)
       VALUES ('old@example.com', 'Old Customer', $1, 12345, 0, 12345, ARRAY[$2::bytea]) RETURNING id`,
      [freeForm, hashAccessToken(access.token)],
    );
    orderId = rows[0]?.id ?? '';
    await db.query('INSERT INTO order_items (order_id, product_id, sku, name, unit_price_cents, quantity) VALUES ($1, $2, $3, $4, 12345, 1)', [orderId, product.id, product.sku, product.name]);
    const report = await migrate(db, migrations);
    expect(report.applied.map((migration) => migration.version)).toEqual(migrations.filter((migration) => migration.version >= 7).map((migration) => migration.version));
    app = await buildApp({ config: testConfig(manyLogins), db, logger: false });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('keeps the free-form address as typed and the totals it was charged', async () => {
    const { rows } = await db.query('SELECT shipping_address, address_line1, shipping_cents, total_cents, vat_cents FROM orders WHERE id = $1', [orderId]);
    expect(rows[0]).toEqual({ shipping_address: freeForm, address_line1: null, shipping_cents: 0, total_cents: 12_345, vat_cents: null });
  });

  it('reads through the API with the free-form address and null structure, shipping and VAT', async () => {
    const response = await app.inject({ url: `/api/v1/orders/${orderId}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ shippingAddress: freeForm, address: null, shipping: null, shippingCents: 0, totalCents: 12_345, vatCents: null, vatRateBasisPoints: null });
  });

  it('shows on the shopper order page and the admin order page, line by line, without a VAT line it never recorded', async () => {
    const visitor = new Visitor(app);
    await visitor.get(`/orders/${orderId}?token=${token}`);
    const page = await visitor.get(`/orders/${orderId}`);
    expect(page.statusCode).toBe(200);
    const lines = 'Old Customer<br>Calle 10 de Agosto y Riofrío<br>Edificio &#34;Casa Vieja&#34;, 2º<br>Quito  170403';
    expect(page.body.replace(/\r/g, '')).toContain(lines);
    expect(page.body).toContain('<dt>Shipping</dt><dd>Free</dd>');
    expect(page.body).not.toContain('Includes IVA');

    const admin = new AdminClient(app);
    await admin.loginHtml();
    const detail = await admin.request({ method: 'GET', url: `/admin/orders/${orderId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.body.replace(/\r/g, '')).toContain(lines);
    expect(detail.body).toContain('Shipping: not recorded (placed before shipping methods)');
    expect(detail.body).toContain('$123.45');
  });
});
