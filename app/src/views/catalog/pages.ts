import type { Category } from '../../domain/catalog/categories.js';
import type { ProductCard } from '../../domain/catalog/products.js';
import type { Vendor } from '../../domain/catalog/vendors.js';
import { html } from '../html.js';
import { breadcrumbs, productGrid } from './parts.js';

function countLabel(count: number): string {
  return `${count} ${count === 1 ? 'product' : 'products'}`;
}

function categoryList(categories: readonly Category[]): string {
  return html`<ul class="product-grid">!${categories.map(
    (category) => html`<li class="product-card">
    <h3><a href="/categories/${category.slug}">${category.name}</a></h3>
    <p class="vendor">${countLabel(category.productCount)}</p>
    !${category.description === '' ? '' : html`<p>${category.description}</p>`}
  </li>`,
  )}</ul>`;
}

function vendorCards(vendors: readonly Vendor[], headingLevel: 2 | 3): string {
  return html`<ul class="product-grid">!${vendors.map((vendor) => {
    const title = html`<a href="/vendors/${vendor.slug}">${vendor.name}</a>`;
    return html`<li class="product-card">
    !${headingLevel === 2 ? `<h2>${title}</h2>` : `<h3>${title}</h3>`}
    <p class="vendor">${countLabel(vendor.productCount)}</p>
  </li>`;
  })}</ul>`;
}

export function homePage(categories: readonly Category[], newest: readonly ProductCard[], vendors: readonly Vendor[]): string {
  return html`<h1>Computers, parts and peripherals</h1>
<p>Laptops, desktops, monitors, graphics cards and everything around them, from the brands you know.</p>
<section aria-labelledby="home-categories">
  <h2 id="home-categories">Shop by category</h2>
  !${categoryList(categories)}
</section>
<section aria-labelledby="home-new">
  <h2 id="home-new">New in the shop</h2>
  !${newest.length > 0 ? productGrid(newest, 3) : '<p>The catalog is empty for now.</p>'}
  <p><a href="/products">Browse the whole catalog</a></p>
</section>
<section aria-labelledby="home-vendors">
  <h2 id="home-vendors">Vendors</h2>
  !${vendorCards(vendors, 3)}
</section>`;
}

export function vendorsPage(vendors: readonly Vendor[]): string {
  return html`!${breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Vendors' }])}
<h1>Vendors</h1>
!${vendors.length > 0 ? vendorCards(vendors, 2) : '<p>No vendors yet.</p>'}`;
}

/** Heading and introduction above a vendor's or category's product listing. */
export function facetHeader(kind: 'vendor' | 'category', entity: Vendor | Category, listing: string): string {
  const parent = kind === 'vendor' ? { label: 'Vendors', href: '/vendors' } : { label: 'Catalog', href: '/products' };
  const vendor = kind === 'vendor' ? (entity as Vendor) : null;
  return html`!${breadcrumbs([{ label: 'Home', href: '/' }, parent, { label: entity.name }])}
<h1>${entity.name}</h1>
!${entity.description === '' ? '' : html`<p>${entity.description}</p>`}
!${vendor?.website ? html`<p>Website: <a href="${vendor.website}" rel="noopener">${vendor.website.replace(/^https?:\/\//, '')}</a></p>` : ''}
!${listing}`;
}

export function searchHelpPage(): string {
  return html`!${breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Search' }])}
<h1>Search the catalog</h1>
<p>Type what you are looking for in the search box at the top of the page, for example a product name, a vendor or a spec:</p>
<ul>
  <li><a href="/search?q=thinkpad">thinkpad</a></li>
  <li><a href="/search?q=%2232+GB%22+ddr5">"32 GB" ddr5</a> (quotes match a phrase)</li>
  <li><a href="/search?q=oled+monitor">oled monitor</a></li>
  <li><a href="/search?q=rtx+4070+-laptop">rtx 4070 -laptop</a> (a minus excludes a word)</li>
</ul>
<p>Or <a href="/products">browse the whole catalog</a> with filters.</p>`;
}
