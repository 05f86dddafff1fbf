import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { Visitor } from '../../support/checkout-fixtures.js';
import { insertProduct, insertVoucher } from '../../support/fixtures.js';

describe('cart pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds a product from a form, sets a signed cart cookie and shows the line with a notice', async () => {
    const product = await insertProduct(t.db, { name: 'Quiet Keyboard', priceCents: 7_950, stock: 20 });
    const visitor = new Visitor(t.app);
    const added = await visitor.post('/cart/items', { productId: String(product.id), quantity: '2' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/cart?notice=added');
    const setCookie = String(added.headers['set-cookie']);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(visitor.cookie).toBeDefined();

    const page = await visitor.get('/cart?notice=added');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<meta name="robots" content="noindex">');
    expect(page.body).toContain('The product was added to your cart.');
    expect(page.body).toContain('Quiet Keyboard');
    expect(page.body).toContain(`<label for="quantity-${product.id}" class="visually-hidden">Quantity of Quiet Keyboard</label>`);
    expect(page.body).toContain(`<input id="quantity-${product.id}" type="number" name="quantity" min="0" max="99" step="1" inputmode="numeric" value="2" required>`);
    expect(page.body).toContain('$159.00');
    // Labels the narrow layout shows beside each figure once the table's header row is hidden.
    expect(page.body).toContain('<td data-label="Unit price">');
    expect(page.body).toContain(`<th scope="row"><img class="line-image" src="/images/products/${product.slug}/`);
    expect(page.body).toContain('<td data-label="Line total">');
    expect(page.body).toContain('href="/checkout"');
    expect(page.body).toContain('aria-label="2 items in cart"');
    // No voucher, nothing off: no "Discount $0.00" row.
    expect(page.body).toContain('<dt>Subtotal</dt>');
    expect(page.body).not.toContain('<dt>Discount');
  });

  it('merges a second add into the line and caps it at the stock with a notice', async () => {
    const product = await insertProduct(t.db, { stock: 3 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id), quantity: '2' });
    const again = await visitor.post('/cart/items', { productId: String(product.id), quantity: '2' });
    expect(again.headers.location).toBe('/cart?notice=capped');
    const page = await visitor.get('/cart?notice=capped');
    expect(page.body).toContain('the quantity was lowered to what is available');
    expect(page.body).toContain('only 3 left');
    const { rows } = await t.db.query<{ quantity: number }>('SELECT quantity FROM cart_items WHERE product_id = $1', [product.id]);
    expect(rows).toEqual([{ quantity: 3 }]);
  });

  it('does not add an out-of-stock or unknown product and says so', async () => {
    const soldOut = await insertProduct(t.db, { stock: 0 });
    const visitor = new Visitor(t.app);
    const refused = await visitor.post('/cart/items', { productId: String(soldOut.id) });
    expect(refused.headers.location).toBe('/cart?notice=out_of_stock');
    expect((await visitor.get('/cart?notice=out_of_stock')).body).toContain('out of stock, so your cart was not changed');
    const unknown = await visitor.post('/cart/items', { productId: '99999999' });
    expect(unknown.headers.location).toBe('/cart?notice=unavailable');
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM cart_items WHERE product_id = $1', [soldOut.id]);
    expect(rows[0]?.count).toBe(0);
  });

  it('rejects quantities outside 1-99 and non-numbers without storing anything', async () => {
    const product = await insertProduct(t.db, { stock: 500 });
    const visitor = new Visitor(t.app);
    for (const quantity of ['0', '-3', '100', '1e9', 'two', "1' OR 1=1"]) {
      const response = await visitor.post('/cart/items', { productId: String(product.id), quantity });
      expect(response.headers.location, quantity).toBe('/cart?notice=invalid_quantity');
    }
    const { rows } = await t.db.query<{ count: number }>('SELECT count(*)::int AS count FROM cart_items WHERE product_id = $1', [product.id]);
    expect(rows[0]?.count).toBe(0);
  });

  it('updates a quantity, removes with 0 or the Remove button', async () => {
    const a = await insertProduct(t.db, { stock: 10 });
    const b = await insertProduct(t.db, { stock: 10 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(a.id) });
    await visitor.post('/cart/items', { productId: String(b.id) });
    expect((await visitor.post(`/cart/items/${a.id}`, { quantity: '5' })).headers.location).toBe('/cart?notice=updated');
    expect((await visitor.post(`/cart/items/${a.id}`, { quantity: '50' })).headers.location).toBe('/cart?notice=capped');
    expect((await visitor.post(`/cart/items/${a.id}`, { quantity: '0' })).headers.location).toBe('/cart?notice=removed');
    expect((await visitor.post(`/cart/items/${b.id}/remove`)).headers.location).toBe('/cart?notice=removed');
    const page = await visitor.get('/cart');
    expect(page.body).toContain('Your cart is empty.');
  });

  it('shows only fixed notices: an unknown code or markup in the URL is ignored', async () => {
    const visitor = new Visitor(t.app);
    const page = await visitor.get('/cart?notice=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('alert(1)');
    expect(page.body).not.toContain('class="notice');
  });

  it('applies a voucher typed in lowercase and shows the discount in the totals', async () => {
    const product = await insertProduct(t.db, { priceCents: 20_000, stock: 5 });
    await insertVoucher(t.db, { code: 'WELCOME5', kind: 'fixed', amount: 500 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id) });
    const applied = await visitor.post('/cart/voucher', { code: 'welcome5' });
    expect(applied.headers.location).toBe('/cart?notice=voucher_applied');
    const page = await visitor.get('/cart');
    expect(page.body).toContain('Applied voucher: <strong>WELCOME5</strong>');
    expect(page.body).toContain('Discount (WELCOME5)');
    expect(page.body).toContain('-$5.00');
    expect(page.body).toContain('$195.00');
    expect((await visitor.post('/cart/voucher/remove')).headers.location).toBe('/cart?notice=voucher_removed');
    expect((await visitor.get('/cart')).body).not.toContain('Applied voucher');
  });

  it('re-renders the cart with the reason when a voucher does not apply, keeping the code escaped', async () => {
    const product = await insertProduct(t.db, { priceCents: 1_000, stock: 5 });
    const now = Date.now();
    const expired = await insertVoucher(t.db, { endsAt: new Date(now - 60_000) });
    const future = await insertVoucher(t.db, { startsAt: new Date(now + 86_400_000) });
    const minimum = await insertVoucher(t.db, { minTotalCents: 5_000 });
    const exhausted = await insertVoucher(t.db, { maxRedemptions: 3, redemptions: 3 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id) });
    const cases: [string, string][] = [
      [expired.code, 'This voucher has expired.'],
      [future.code, 'This voucher is not valid yet.'],
      [minimum.code, 'It needs a subtotal of at least $50.00.'],
      [exhausted.code, 'This voucher has been fully redeemed.'],
      ['UNKNOWN1', 'There is no voucher with this code.'],
      ['<b>x</b>', 'There is no voucher with this code.'],
    ];
    for (const [code, message] of cases) {
      const response = await visitor.post('/cart/voucher', { code });
      expect(response.statusCode, code).toBe(422);
      expect(response.body).toContain(message);
      expect(response.body).toContain('aria-describedby="voucher-code-error"');
    }
    const last = await visitor.post('/cart/voucher', { code: '<b>x</b>' });
    expect(last.body).toContain('value="&#60;b&#62;x&#60;/b&#62;"');
    expect(last.body).not.toContain('<b>x</b>');
    const empty = await visitor.post('/cart/voucher', { code: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter a voucher code.');
  });

  it('starts a new cart when the cookie names one that no longer exists', async () => {
    const product = await insertProduct(t.db, { stock: 5 });
    const visitor = new Visitor(t.app);
    await visitor.post('/cart/items', { productId: String(product.id) });
    const oldCookie = visitor.cookie;
    await t.db.query('DELETE FROM carts');
    const added = await visitor.post('/cart/items', { productId: String(product.id) });
    expect(added.headers.location).toBe('/cart?notice=added');
    expect(visitor.cookie).not.toBe(oldCookie);
  });

  it('ignores a cart cookie whose signature was tampered with', async () => {
    const product = await insertProduct(t.db, { name: 'Secret Line', stock: 5 });
    const owner = new Visitor(t.app);
    await owner.post('/cart/items', { productId: String(product.id) });
    const cartId = (await t.db.query<{ id: string }>('SELECT cart_id AS id FROM cart_items WHERE product_id = $1', [product.id])).rows[0]?.id ?? '';
    const page = await t.app.inject({ method: 'GET', url: '/cart', headers: { cookie: `cart=${cartId}` } });
    expect(page.body).not.toContain('Secret Line');
  });
});
