import { expect, type Locator, type Page } from '@playwright/test';

// Page objects for the shop as a customer sees it. Locators go by role and accessible name,
// the way assistive technology finds things, so a test breaks when a label does.

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Cents as the shop prints them: $1,299.99. */
export function formatUsd(cents: number): string {
  return usd.format(cents / 100);
}

/** "$1,299.99" back to cents. */
export function parseUsd(text: string): number {
  return Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class SiteHeader {
  readonly searchBox: Locator;
  readonly cartLink: Locator;

  constructor(readonly page: Page) {
    this.searchBox = page.getByRole('searchbox', { name: 'Search products' });
    this.cartLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Cart/ });
  }

  async search(text: string): Promise<void> {
    await this.searchBox.fill(text);
    await this.searchBox.press('Enter');
  }
}

/** /products, /search and the vendor and category listings: filters, results, pagination. */
export class CatalogPage {
  readonly heading: Locator;
  /** The "Filters" button that opens the form on narrow screens (hidden on wide ones). */
  readonly filtersButton: Locator;
  readonly filters: Locator;
  readonly results: Locator;
  readonly summary: Locator;
  readonly productLinks: Locator;
  readonly pagination: Locator;
  /** The filters in force, each a link that removes it, and "Clear all". */
  readonly activeFilters: Locator;
  /** The sort form above the results. */
  readonly sortForm: Locator;
  readonly breadcrumb: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.filtersButton = page.locator('summary').filter({ hasText: /^Filters/ });
    this.filters = page.getByRole('form', { name: 'Filter products' });
    this.results = page.getByRole('region', { name: 'Products' });
    this.summary = this.results.getByRole('status');
    // Product cards are the only headings among the results (the filter chips have none).
    this.productLinks = this.results.getByRole('heading').getByRole('link');
    this.pagination = page.getByRole('navigation', { name: 'Pagination' });
    this.activeFilters = page.getByRole('group', { name: 'Active filters' });
    this.sortForm = page.getByRole('form', { name: 'Sort products' });
    this.breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/products${query}`);
  }

  /** Opens the filters as a shopper on a phone does; on a wide screen they are already shown. */
  async showFilters(): Promise<void> {
    if (await this.filtersButton.isVisible()) {
      if (!(await this.filters.isVisible())) await this.filtersButton.click();
    }
    await expect(this.filters).toBeVisible();
  }

  async filterByCategory(category: string): Promise<void> {
    await this.showFilters();
    // Each option reads "Laptops (45)": the name, then how many products it would show.
    // eslint-disable-next-line security/detect-non-literal-regexp -- the name is escaped and anchored
    const option = this.filters.getByLabel('Category').getByRole('option', { name: new RegExp(`^${escapeRegExp(category)} \\(\\d+\\)$`) });
    await this.filters.getByLabel('Category').selectOption((await option.getAttribute('value')) ?? '');
  }

  /** A filter checkbox (vendor, memory, processor family...), whose name ends in its count. */
  filterOption(value: string): Locator {
    // eslint-disable-next-line security/detect-non-literal-regexp -- the name is escaped and anchored
    return this.filters.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(value)} \\(\\d+\\)$`) });
  }

  async filterByVendor(vendor: string): Promise<void> {
    await this.showFilters();
    await this.filterOption(vendor).check();
  }

  async priceBetween(minDollars: number, maxDollars: number): Promise<void> {
    await this.showFilters();
    await this.filters.getByLabel('Minimum price ($)').fill(String(minDollars));
    await this.filters.getByLabel('Maximum price ($)').fill(String(maxDollars));
  }

  /** Picks an order in the sort form above the results and sends it (the filters stay). */
  async sortBy(label: string): Promise<void> {
    await this.sortForm.getByLabel('Sort by').selectOption({ label });
    await this.sortForm.getByRole('button', { name: 'Sort' }).click();
  }

  /** Removes one active filter by following its chip ("Remove Vendor: Lenovo"). */
  async removeFilter(label: string): Promise<void> {
    await this.activeFilters.getByRole('link', { name: `Remove ${label}` }).click();
  }

  async applyFilters(): Promise<void> {
    await this.filters.getByRole('button', { name: 'Apply filters' }).click();
  }

  async goToPage(label: 'Next' | 'Previous' | number): Promise<void> {
    const name = typeof label === 'number' ? `Page ${label}` : label;
    await this.pagination.getByRole('link', { name, exact: true }).click();
  }

  /** Prices of the listed products, in page order. Call after a web-first wait on the page. */
  async prices(): Promise<number[]> {
    const texts = await this.results.getByRole('listitem').getByText(/^\$[\d,]+\.\d\d$/).allTextContents();
    return texts.map(parseUsd);
  }
}

export class ProductPage {
  readonly heading: Locator;
  readonly buyBox: Locator;
  readonly price: Locator;
  readonly quantity: Locator;
  readonly addToCartButton: Locator;
  readonly specs: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.buyBox = page.getByRole('complementary', { name: 'Purchase' });
    this.price = this.buyBox.getByText(/^\$[\d,]+\.\d\d$/);
    this.quantity = this.buyBox.getByLabel('Quantity');
    this.addToCartButton = this.buyBox.getByRole('button', { name: 'Add to cart' });
    this.specs = page.getByRole('table', { name: 'Specifications' });
  }

  async goto(slug: string): Promise<void> {
    await this.page.goto(`/products/${slug}`);
  }

  async addToCart(quantity = 1): Promise<void> {
    await this.quantity.fill(String(quantity));
    await this.addToCartButton.click();
  }

  /** The schema.org blocks in the page head, parsed. */
  async structuredData(): Promise<Record<string, unknown>[]> {
    // JSON-LD is for crawlers and has no role or label; its script element is what to find.
    const blocks = await this.page.locator('script[type="application/ld+json"]').allTextContents();
    return blocks.map((text) => JSON.parse(text) as Record<string, unknown>);
  }
}

export class CartPage {
  readonly heading: Locator;
  readonly status: Locator;
  readonly voucherCode: Locator;
  readonly totals: Locator;
  readonly checkoutLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Your cart' });
    this.status = page.getByRole('main').getByRole('status');
    this.voucherCode = page.getByLabel('Voucher code');
    this.totals = page.getByRole('region', { name: 'Totals' });
    this.checkoutLink = page.getByRole('link', { name: 'Checkout' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/cart');
  }

  row(productName: string): Locator {
    return this.page.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: productName }) });
  }

  async setQuantity(productName: string, quantity: number): Promise<void> {
    await this.page.getByLabel(`Quantity of ${productName}`).fill(String(quantity));
    await this.row(productName).getByRole('button', { name: 'Update' }).click();
  }

  async remove(productName: string): Promise<void> {
    await this.page.getByRole('button', { name: `Remove ${productName}` }).click();
  }

  async applyVoucher(code: string): Promise<void> {
    await this.voucherCode.fill(code);
    await this.page.getByRole('button', { name: 'Apply voucher' }).click();
  }

  /** Subtotal, discount and total as printed, with the discount's label. */
  async expectTotals(expected: { subtotalCents: number; discountCents?: number; voucher?: string }): Promise<void> {
    const discount = expected.discountCents ?? 0;
    // The discount's row is there only when a voucher applies.
    const discounted = expected.voucher !== undefined || discount > 0;
    const discountLabel = expected.voucher === undefined ? 'Discount' : `Discount (${expected.voucher})`;
    await expect(this.totals.getByRole('term')).toHaveText(['Subtotal', ...(discounted ? [discountLabel] : []), 'Total']);
    await expect(this.totals.getByRole('definition')).toHaveText([
      formatUsd(expected.subtotalCents),
      ...(discounted ? [discount > 0 ? `-${formatUsd(discount)}` : formatUsd(0)] : []),
      formatUsd(expected.subtotalCents - discount),
    ]);
  }
}

export interface Customer {
  email: string;
  name: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
}

/** The VAT a gross price includes at 15% (Ecuador's IVA), half up to the cent, as the shop computes it. */
export function includedVatCents(grossCents: number): number {
  return Math.floor((2 * grossCents * 1500 + 11_500) / 23_000);
}

export class CheckoutPage {
  readonly heading: Locator;
  readonly placeOrderButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Checkout' });
    this.placeOrderButton = page.getByRole('button', { name: 'Place order' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/checkout');
  }

  /** The radio button of a shipping method; its name starts with the method's name. */
  shippingOption(method: 'Standard' | 'Express'): Locator {
    return this.page.getByRole('group', { name: 'Shipping method' }).getByRole('radio', { name: method === 'Express' ? /^Express: / : /^Standard: / });
  }

  async fillDetails(customer: Customer): Promise<void> {
    await this.page.getByLabel('Email').fill(customer.email);
    await this.page.getByLabel('Full name').fill(customer.name);
    await this.page.getByLabel('Street and number').fill(customer.line1);
    await this.page.getByLabel('Apartment, floor, reference (optional)').fill(customer.line2);
    await this.page.getByLabel('Postal code').fill(customer.postalCode);
    await this.page.getByLabel('City').fill(customer.city);
  }

  /** Fills the details, chooses the shipping method (Standard is preselected) and places the order. */
  async placeOrder(customer: Customer, shipping: 'Standard' | 'Express' = 'Standard'): Promise<void> {
    await this.fillDetails(customer);
    await this.shippingOption(shipping).check();
    await this.placeOrderButton.click();
  }
}

/** Subtotal, discount, shipping, total and the VAT included, as a summary list prints them. */
export async function expectOrderSummary(
  list: Locator,
  expected: { subtotalCents: number; discountCents?: number; voucher?: string; shipping: string; shippingCents: number },
): Promise<void> {
  const discount = expected.discountCents ?? 0;
  const discounted = expected.voucher !== undefined || discount > 0;
  const total = expected.subtotalCents - discount + expected.shippingCents;
  await expect(list.getByRole('term')).toHaveText([
    'Subtotal',
    ...(discounted ? [expected.voucher === undefined ? 'Discount' : `Discount (${expected.voucher})`] : []),
    `Shipping (${expected.shipping})`,
    'Total',
    'Includes IVA (VAT) 15%',
  ]);
  await expect(list.getByRole('definition')).toHaveText([
    formatUsd(expected.subtotalCents),
    ...(discounted ? [discount > 0 ? `-${formatUsd(discount)}` : formatUsd(0)] : []),
    expected.shippingCents === 0 ? 'Free' : formatUsd(expected.shippingCents),
    formatUsd(total),
    formatUsd(includedVatCents(total)),
  ]);
}

/** Shown right after checkout: the order number, what happens next, the way to the order page. */
export class OrderConfirmationPage {
  readonly heading: Locator;
  readonly confirmation: Locator;
  readonly nextSteps: Locator;
  readonly summary: Locator;
  readonly orderPageLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Thank you for your order' });
    this.confirmation = page.getByRole('main').getByRole('status');
    this.nextSteps = page.getByRole('region', { name: 'What happens next' });
    this.summary = page.getByRole('region', { name: 'What you ordered' }).locator('dl');
    this.orderPageLink = page.getByRole('link', { name: 'View your order' });
  }

  /** The order number printed in the confirmation. */
  async orderNumber(): Promise<string> {
    await expect(this.confirmation).toContainText(/Order number \d+/);
    const text = (await this.confirmation.textContent()) ?? '';
    return /Order number (\d+)/.exec(text)?.[1] ?? '';
  }
}

/** The order's own page, readable later by the browser that placed it or through its private link. */
export class OrderPage {
  readonly heading: Locator;
  readonly confirmation: Locator;
  /** The link that opens the order in another browser (it carries the order's access token). */
  readonly privateLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: /^Order \d+$/ });
    this.confirmation = page.getByRole('main').getByRole('status');
    this.privateLink = page.getByRole('region', { name: 'Your private order link' }).getByRole('link');
  }

  /** The private link's path and query, to open on whichever host the test reaches the shop. */
  async privateLinkPath(): Promise<string> {
    const href = (await this.privateLink.getAttribute('href')) ?? '';
    const url = new URL(href);
    return `${url.pathname}${url.search}`;
  }

  /** The order number printed in the confirmation. */
  async orderNumber(): Promise<string> {
    await expect(this.confirmation).toContainText(/Order number \d+/);
    const text = (await this.confirmation.textContent()) ?? '';
    return /Order number (\d+)/.exec(text)?.[1] ?? '';
  }
}
