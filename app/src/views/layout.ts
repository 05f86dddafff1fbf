import { html, jsonLdScript } from './html.js';

export interface PageMeta {
  /** Page title without the shop's name, which the layout appends. */
  title: string;
  /** Meta description: one or two sentences, under about 160 characters. */
  description: string;
  /** Absolute canonical URL of this page; omitted for pages that should not be indexed. */
  canonical?: string;
  /** Structured data (schema.org) for search engines. */
  jsonLd?: unknown;
  /** Keeps the page out of search results (cart, checkout, admin, errors). */
  noindex?: boolean;
}

export interface LayoutContext {
  /** Items in the visitor's cart, shown in the header. */
  cartCount: number;
  /** Current search text, kept in the header's search box. */
  query?: string;
}

export const shopName = 'Bitshop';

/** The page frame every storefront page shares: landmarks, skip link, header, footer. */
export function layout(meta: PageMeta, context: LayoutContext, body: string): string {
  const fullTitle = `${meta.title} | ${shopName}`;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${meta.description}">
!${meta.canonical === undefined ? '' : html`<link rel="canonical" href="${meta.canonical}">`}
!${meta.noindex === true ? '<meta name="robots" content="noindex">' : ''}
<meta property="og:title" content="${fullTitle}">
<meta property="og:description" content="${meta.description}">
<link rel="stylesheet" href="/assets/site.css">
!${meta.jsonLd === undefined ? '' : jsonLdScript(meta.jsonLd)}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/">${shopName}</a>
    <form class="search" role="search" action="/search" method="get">
      <label for="site-search" class="visually-hidden">Search products</label>
      <input id="site-search" type="search" name="q" value="${context.query ?? ''}" placeholder="Search laptops, GPUs, monitors..." maxlength="200">
      <button type="submit">Search</button>
    </form>
    <nav aria-label="Main">
      <ul class="nav-list">
        <li><a href="/products">Catalog</a></li>
        <li><a href="/vendors">Vendors</a></li>
        <li><a href="/cart">Cart <span class="badge" aria-label="${context.cartCount} items in cart">${context.cartCount}</span></a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
!${body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${shopName}: computers, parts and peripherals. Prices in USD, taxes included.</p>
    <p><a href="/api/docs">API</a></p>
  </div>
</footer>
</body>
</html>`}`;
}
