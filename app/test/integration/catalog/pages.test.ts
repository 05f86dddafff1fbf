import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { insertCatalogFixture, type CatalogFixture } from '../../support/catalog-fixtures.js';
import { insertProduct } from '../../support/fixtures.js';

function jsonLdBlocks(body: string): unknown[] {
  return [...body.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((match) => JSON.parse(match[1] ?? 'null') as unknown);
}

/** Undoes ghtml's escaping, to compare text and addresses as a browser reads them. */
function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function canonical(body: string): string | undefined {
  const href = /<link rel="canonical" href="([^"]*)">/.exec(body)?.[1];
  return href === undefined ? undefined : decode(href);
}

describe('storefront catalog pages', () => {
  let t: TestApp;
  let fixture: CatalogFixture;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://shop.example.com' });
    fixture = await insertCatalogFixture(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('shows categories, new products and vendors on the home page', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('href="/categories/laptops"');
    expect(response.body).toContain('href="/vendors/zeta"');
    expect(response.body).toContain('href="/products/acme-view-24"');
    expect(response.body).not.toContain('acme-hidden-prototype');
    expect(canonical(response.body)).toBe('https://shop.example.com/');
    expect(response.body.match(/<h1/g)).toHaveLength(1);
  });

  it('lists products with a GET filter form, a count and product cards', async () => {
    const response = await get('/products');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<form class="filters" method="get" action="/products"');
    for (const id of ['filter-category', 'filter-vendor-acme', 'filter-min', 'filter-max', 'filter-in-stock', 'sort']) {
      expect(body).toContain(`<label for="${id}"`);
    }
    expect(body).toContain('Showing 1–5 of 5 products.');
    expect(body).toContain('<a href="/products/acme-powerbook-16">Acme Powerbook 16</a>');
    expect(body).toContain('$1,999.00');
    expect(body).toContain('<span class="stock-out">Out of stock</span>');
    expect(body).toContain('<span class="stock-low">Only 3 left</span>');
    expect(canonical(body)).toBe('https://shop.example.com/products');
  });

  it('puts the filters behind a "Filters" button that works without JavaScript', async () => {
    const body = (await get('/products')).body;
    expect(body).toMatch(/<details class="filters-panel">\s*<summary class="button secondary">Filters<\/summary>\s*<form class="filters"/);
    expect(body).not.toMatch(/<details class="filters-panel" open/);
  });

  it('gives every card in stock an Add to cart form that posts one unit, and none to one out of stock', async () => {
    const body = (await get('/products')).body;
    const cards = body.split('<li class="product-card">').slice(1);
    expect(cards).toHaveLength(5);
    const powerbook = cards.find((card) => card.includes('Acme Powerbook 16'));
    expect(powerbook).not.toContain('<form');
    const inStock = cards.filter((card) => card !== powerbook);
    for (const card of inStock) {
      expect(card).toMatch(/<form class="card-buy" method="post" action="\/cart\/items">\s*<input type="hidden" name="productId" value="\d+">\s*<input type="hidden" name="quantity" value="1">/);
    }
    expect(body).toContain('Add to cart<span class="visually-hidden">: Acme Featherbook 14</span></button>');
  });

  it('applies filters given in dollars and keeps them in the form', async () => {
    const response = await get('/products?vendor=acme&category=&min=100&max=2000&inStock=true&sort=price_desc');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('Showing 1–2 of 2 products.');
    expect(body.indexOf('acme-featherbook-14')).toBeLessThan(body.indexOf('acme-view-24'));
    expect(body).not.toContain('acme-powerbook-16');
    expect(body).toContain('id="filter-vendor-acme" name="vendor" value="acme" checked');
    expect(body).toContain('id="filter-min" name="min" type="number" min="0" step="0.01" inputmode="decimal" value="100"');
    expect(body).toContain('<option value="price_desc" selected>');
    expect(canonical(body)).toBe('https://shop.example.com/products?vendor=acme&min=100&max=2000&inStock=true&sort=price_desc');
  });

  it('paginates with aria-current and rel prev/next links that keep the filters', async () => {
    for (let n = 0; n < 24; n += 1) {
      await insertProduct(t.db, { name: `Filler Monitor ${n}`, slug: `filler-monitor-${n}`, vendorId: fixture.vendors.zeta.id, categoryId: fixture.categories.monitors.id, priceCents: 5_000 + n });
    }
    try {
      const first = await get('/products?category=monitors&sort=price_asc');
      first.body = decode(first.body);
      expect(first.body).toContain('Showing 1–24 of 26 products.');
      expect(first.body).toContain('<a href="/products?category=monitors&sort=price_asc&page=2" rel="next">');
      expect(first.body).toMatch(/<a href="\/products\?category=monitors&sort=price_asc" aria-current="page"/);
      expect(first.body).not.toContain('rel="prev"');
      const second = await get('/products?category=monitors&sort=price_asc&page=2');
      second.body = decode(second.body);
      expect(second.body).toContain('Showing 25–26 of 26 products.');
      expect(second.body).toContain('<a href="/products?category=monitors&sort=price_asc" rel="prev">');
      expect(second.body).toMatch(/page=2" aria-current="page"/);
      expect(second.body).not.toContain('rel="next"');
      expect(canonical(second.body)).toBe('https://shop.example.com/products?category=monitors&sort=price_asc&page=2');
      const beyond = await get('/products?category=monitors&page=9');
      expect(beyond.statusCode).toBe(200);
      expect(beyond.body).toContain('Page 9 is past the end of these results, which stop at page 2.');
    } finally {
      await t.db.query("DELETE FROM products WHERE slug LIKE 'filler-monitor-%'");
    }
  });

  it('answers bad query values with a 400 page naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/products?page=abc', '"page"'],
      ['/products?min=-5', '"min"'],
      ['/products?sort=evil', '"sort"'],
      ['/products?vendor=%3Cscript%3E', '"vendor'],
      ['/products?min=500&max=100', '"max"'],
      ['/search?q=laptop&page=0', '"page"'],
      ['/categories/laptops?max=cheap', '"max"'],
    ];
    for (const [url, parameter] of cases) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(decode(response.body), url).toContain(`Invalid query parameter ${parameter}`);
      expect(response.body).not.toContain('<script>');
    }
  });

  it('ignores unknown parameters on pages so shared links keep working', async () => {
    const response = await get('/products?utm_source=newsletter');
    expect(response.statusCode).toBe(200);
    expect(canonical(response.body)).toBe('https://shop.example.com/products');
  });

  it('shows search results with the text kept in the header search box', async () => {
    const response = await get('/search?q=featherbook');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<input id="site-search" type="search" name="q" value="featherbook"');
    expect(response.body).toContain('Showing 1–2 of 2 products.');
    expect(response.body.indexOf('acme-featherbook-14')).toBeLessThan(response.body.indexOf('zeta-vision-27'));
    expect(response.body).toContain('<input type="hidden" name="q" value="featherbook">');
    expect(canonical(response.body)).toBe('https://shop.example.com/search?q=featherbook');
  });

  it('shows a helpful page for an empty or missing search', async () => {
    for (const url of ['/search', '/search?q=', '/search?q=%20%20']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('Search the catalog');
    }
    const long = await get(`/search?q=${'featherbook'.repeat(1000)}`);
    expect(long.statusCode).toBe(200);
    expect(long.body).not.toContain('featherbook'.repeat(19));
    const none = await get('/search?q=quantum%20toaster');
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('No products match these filters.');
  });

  it('escapes search text and hostile product names in the page', async () => {
    const response = await get(`/search?q=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('<script>alert(1)</script>');
    expect(decode(response.body)).toContain('Search results for “"><script>alert(1)</script>”');

    const product = await insertProduct(t.db, {
      name: 'Evil <script>alert("x")</script> Dock',
      slug: 'evil-dock',
      description: '</script><script>alert(2)</script>',
      vendorId: fixture.vendors.acme.id,
      categoryId: fixture.categories.monitors.id,
    });
    try {
      const page = await get('/products/evil-dock');
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toMatch(/<script>alert/);
      expect(decode(page.body)).toContain('<h1 id="product-title">Evil <script>alert("x")</script> Dock</h1>');
      const [jsonLd] = jsonLdBlocks(page.body) as { name: string; description: string }[];
      expect(jsonLd?.name).toBe('Evil <script>alert("x")</script> Dock');
      expect(jsonLd?.description).toBe('</script><script>alert(2)</script>');
      const listing = await get('/products?category=monitors');
      expect(listing.body).not.toMatch(/<script>alert/);
    } finally {
      await t.db.query('DELETE FROM products WHERE id = $1', [product.id]);
    }
  });

  it('shows a product with breadcrumbs, specs, related products and an add-to-cart form', async () => {
    const response = await get('/products/acme-featherbook-14');
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).toContain('<nav class="breadcrumbs" aria-label="Breadcrumb">');
    expect(body).toContain('<a href="/categories/laptops">Laptops</a>');
    expect(body).toContain('<h1 id="product-title">Acme Featherbook 14</h1>');
    expect(body).toContain('<a href="/vendors/acme">Acme</a>');
    expect(body).toContain('$999.00');
    expect(body).toContain('<th scope="row">Processor</th><td>Intel Core Ultra 5 125U</td>');
    // Labels and units from the one spec table, each spec once.
    expect(body).toContain('<th scope="row">Memory</th><td>16 GB</td>');
    expect(body).toContain('<th scope="row">Screen size</th><td>14 in</td>');
    expect(body.match(/<th scope="row">/g)).toHaveLength(3);
    // Delivery, returns and warranty, from the shop's policy.
    expect(body).toMatch(/<h2 id="policy-title">Delivery, returns and warranty<\/h2>[\s\S]*Free delivery: no delivery charge is added to your order\.[\s\S]*within 30 days of delivery[\s\S]*manufacturer’s warranty/);
    expect(body).toContain('<form method="post" action="/cart/items">');
    expect(body).toContain(`<input type="hidden" name="productId" value="${fixture.products.featherbook.id}">`);
    expect(body).toContain('<label for="quantity">Quantity</label>');
    expect(body).toContain('<input id="quantity" name="quantity" type="number" min="1" max="10"');
    expect(body).toContain('Add to cart</button>');
    expect(body).toMatch(/Related products[\s\S]*zeta-ultrabook-13/);
    // Related: the other laptops, in stock first (the powerbook is sold out), with image and price.
    const related = /<section aria-labelledby="related-title">([\s\S]*?)<\/section>/.exec(body)?.[1] ?? '';
    expect([...related.matchAll(/<h3><a href="\/products\/([^"]+)">/g)].map((match) => match[1])).toEqual(['zeta-ultrabook-13', 'acme-powerbook-16']);
    expect(related).toContain('<img class="card-image" src="/images/products/zeta-ultrabook-13/');
    expect(related).toContain('$1,299.00');
    // The buy box follows the title in the page, so a phone shows it before the description.
    expect(body).toMatch(/<h1 id="product-title">[\s\S]*<aside class="buy-box" aria-label="Purchase">[\s\S]*A light 14-inch laptop for travel\.<\/p>[\s\S]*Specifications/);
    expect(body).toContain('<meta name="description" content="A light 14-inch laptop for travel.">');
    expect(canonical(body)).toBe('https://shop.example.com/products/acme-featherbook-14');
  });

  it('describes the product in JSON-LD with price in dollars and availability', async () => {
    const inStock = jsonLdBlocks((await get('/products/acme-featherbook-14')).body);
    expect(inStock).toEqual([
      expect.objectContaining({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Acme Featherbook 14',
        sku: 'ACM-FB14',
        brand: { '@type': 'Brand', name: 'Acme' },
        category: 'Laptops',
        url: 'https://shop.example.com/products/acme-featherbook-14',
        // No photo uploaded: the drawing, at an absolute address a crawler can fetch.
        image: [expect.stringMatching(/^https:\/\/shop\.example\.com\/images\/products\/acme-featherbook-14\/[0-9a-f]{12}\.svg$/)],
        offers: expect.objectContaining({ price: '999.00', priceCurrency: 'USD', availability: 'https://schema.org/InStock' }) as unknown,
      }),
    ]);
    const soldOut = jsonLdBlocks((await get('/products/acme-powerbook-16')).body) as { offers: { availability: string } }[];
    expect(soldOut[0]?.offers.availability).toBe('https://schema.org/OutOfStock');
  });

  it('replaces the buy form with an out-of-stock notice when nothing is left', async () => {
    const response = await get('/products/acme-powerbook-16');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Out of stock. This product cannot be ordered at the moment.');
    // Related products in stock below keep their own card buttons; the product's buy box has none.
    const buyBox = /<aside class="buy-box"[\s\S]*?<\/aside>/.exec(response.body)?.[0] ?? '';
    expect(buyBox).toContain('Out of stock.');
    expect(buyBox).not.toContain('action="/cart/items"');
    expect(buyBox).not.toContain('Add to cart');
    expect(response.body).not.toContain('<input id="quantity"');
  });

  it('caps the quantity input at 99 even with more in stock', async () => {
    const response = await get('/products/zeta-vision-27');
    expect(response.body).toContain('min="1" max="50"');
    await t.db.query('UPDATE products SET stock = 500 WHERE id = $1', [fixture.products.vision.id]);
    try {
      expect((await get('/products/zeta-vision-27')).body).toContain('min="1" max="99"');
    } finally {
      await t.db.query('UPDATE products SET stock = 50 WHERE id = $1', [fixture.products.vision.id]);
    }
  });

  it('answers 404 pages for unknown or inactive products, vendors and categories', async () => {
    for (const url of ['/products/no-such-product', '/products/acme-hidden-prototype', '/vendors/nobody', '/categories/nothing', "/products/x'%20OR%201=1"]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Page not found');
    }
  });

  it('shows a category page with its products and filters but no category choice', async () => {
    const response = await get('/categories/monitors?sort=price_asc');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<h1>Monitors</h1>');
    expect(response.body).toContain('Showing 1–2 of 2 products.');
    expect(response.body).not.toContain('id="filter-category"');
    expect(response.body).toContain('action="/categories/monitors"');
    expect(canonical(response.body)).toBe('https://shop.example.com/categories/monitors?sort=price_asc');
  });

  it('lists vendors and shows a vendor page with its products', async () => {
    const list = await get('/vendors');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<a href="/vendors/acme">Acme</a>');
    expect(list.body).toContain('3 products');
    const acme = await get('/vendors/acme');
    expect(acme.statusCode).toBe(200);
    expect(acme.body).toContain('<h1>Acme</h1>');
    expect(acme.body).toContain('href="https://acme.example"');
    expect(acme.body).toContain('Showing 1–3 of 3 products.');
    expect(acme.body).not.toContain('zeta-ultrabook-13');
    expect(canonical(acme.body)).toBe('https://shop.example.com/vendors/acme');
  });
});
