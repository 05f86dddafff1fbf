import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { AdminLoginPage, AdminPages } from './pages/admin.js';
import { axeEvidence, axeSummary, axeVerdict } from './support/axe-evidence.js';
import { CartPage, CatalogPage, CheckoutPage, OrderConfirmationPage, OrderPage, ProductPage, SiteHeader, type Customer } from './pages/storefront.js';

// Every spec imports `test` and `expect` from here: page objects, the catalog as the API
// reports it, a logged-in admin, and the accessibility check arrive as fixtures.

/** A product as GET /api/v1/products returns it. */
export interface ApiProduct {
  id: number;
  sku: string;
  slug: string;
  name: string;
  priceCents: number;
  stock: number;
  inStock: boolean;
  specs: Record<string, unknown>;
  vendor: { slug: string; name: string };
  category: { slug: string; name: string };
}

interface ApiProductPage {
  items: ApiProduct[];
  total: number;
  totalPages: number;
}

/**
 * The catalog read through the public API, so tests pick real products without knowing the
 * seed by heart. Tests that buy take products from a category of their own and with stock to
 * spare, so parallel tests never race each other for the last unit.
 */
export class CatalogApi {
  /**
   * The position of the test's project (desktop, phones) in the config. The same journey runs
   * in every project at once, so a test that buys adds this to its product index: each project
   * buys a product of its own and sees only its own order take stock.
   */
  readonly projectSlot: number;

  constructor(private readonly request: APIRequestContext) {
    const info = base.info();
    this.projectSlot = Math.max(0, info.config.projects.findIndex((project) => project.name === info.project.name));
  }

  async list(query: Record<string, string>): Promise<ApiProductPage> {
    const response = await this.request.get('/api/v1/products', { params: { pageSize: '100', ...query } });
    expect(response.status(), `GET /api/v1/products ${JSON.stringify(query)}`).toBe(200);
    return (await response.json()) as ApiProductPage;
  }

  async product(slug: string): Promise<ApiProduct> {
    const response = await this.request.get(`/api/v1/products/${slug}`);
    expect(response.status(), `GET /api/v1/products/${slug}`).toBe(200);
    return (await response.json()) as ApiProduct;
  }

  /** The `index`-th product (by name) of a category with `minStock` (default 10) to `maxStock` units. */
  async inStock(category: string, options: { minStock?: number; maxStock?: number; index?: number } = {}): Promise<ApiProduct> {
    const { minStock = 10, maxStock = Number.POSITIVE_INFINITY, index = 0 } = options;
    const { items } = await this.list({ category, inStock: 'true', sort: 'name' });
    const product = items.filter((item) => item.stock >= minStock && item.stock <= maxStock)[index];
    if (product === undefined) throw new Error(`no product #${index} in ${category} with ${minStock} to ${maxStock} units in stock`);
    return product;
  }

  async outOfStock(): Promise<ApiProduct> {
    for (let page = 1; ; page += 1) {
      const result = await this.list({ sort: 'name', page: String(page) });
      const product = result.items.find((item) => item.stock === 0);
      if (product !== undefined) return product;
      if (page >= result.totalPages) throw new Error('the catalog has no product out of stock');
    }
  }
}

export interface SeriousViolation {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

export class Accessibility {
  constructor(private readonly page: Page) {}

  /**
   * axe-core with the WCAG 2.0 A and AA rules on the page as it is now. The results go into the
   * report as evidence whether the test passes or not: the full JSON and a readable summary
   * (rules passed, needing review, violations by impact). Only serious and critical findings are
   * returned for the test to fail on.
   */
  async seriousViolations(pageName: string): Promise<SeriousViolation[]> {
    return base.step(`Check the ${pageName} with axe`, async () => {
      const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa']).analyze();
      const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      const info = base.info();
      await info.attach(`axe ${pageName}: ${axeVerdict(results.passes.length, serious.length)}`, { body: axeSummary(pageName, results), contentType: 'text/plain' });
      await info.attach(`axe ${pageName} (full results).json`, { body: JSON.stringify(axeEvidence(results), null, 2), contentType: 'application/json' });
      // An empty page or a broken injection would pass every check by checking nothing.
      expect(results.passes.length, 'axe checked no rule on this page').toBeGreaterThan(10);
      return serious.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? '',
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
    });
  }
}

/** A short random tag that keeps what one test creates (SKUs, codes) apart from another's. */
export function uniqueTag(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

/** playwright.config.ts makes the password up for the run and gives the server its hash. */
export function adminPassword(): string {
  const password = process.env.E2E_ADMIN_PASSWORD;
  if (password === undefined || password === '') throw new Error('E2E_ADMIN_PASSWORD is not set: run the suite through e2e/playwright.config.ts');
  return password;
}

/** A shopper in the shop's country (Ecuador: six-digit postal codes). */
export const customer: Customer = {
  email: 'ada.lovelace@example.com',
  name: 'Ada Lovelace',
  line1: 'Av. Amazonas N34-451',
  line2: 'Edificio Torre Azul, piso 3',
  postalCode: '170150',
  city: 'Quito',
};

/** The user stories QA filters the report by; every test names at least one. */
export const storyTags = ['@catalog', '@cart', '@checkout', '@admin', '@accessibility'] as const;

interface ShopFixtures {
  /** Fails a test that carries no story tag, before it runs (automatic, never asked for). */
  storyTag: undefined;
  header: SiteHeader;
  catalog: CatalogPage;
  productPage: ProductPage;
  cart: CartPage;
  checkout: CheckoutPage;
  confirmation: OrderConfirmationPage;
  orderPage: OrderPage;
  catalogApi: CatalogApi;
  adminLogin: AdminLoginPage;
  /** The admin area, already logged in. */
  admin: AdminPages;
  accessibility: Accessibility;
}

export const test = base.extend<ShopFixtures>({
  storyTag: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads which fixtures a function needs from this pattern
    async ({}, use, testInfo) => {
      if (!testInfo.tags.some((tag) => (storyTags as readonly string[]).includes(tag))) {
        throw new Error(`"${testInfo.title}" has no story tag: add { tag: [...] } with one of ${storyTags.join(', ')}`);
      }
      await use(undefined);
    },
    { auto: true },
  ],
  header: async ({ page }, use) => {
    await use(new SiteHeader(page));
  },
  catalog: async ({ page }, use) => {
    await use(new CatalogPage(page));
  },
  productPage: async ({ page }, use) => {
    await use(new ProductPage(page));
  },
  cart: async ({ page }, use) => {
    await use(new CartPage(page));
  },
  checkout: async ({ page }, use) => {
    await use(new CheckoutPage(page));
  },
  confirmation: async ({ page }, use) => {
    await use(new OrderConfirmationPage(page));
  },
  orderPage: async ({ page }, use) => {
    await use(new OrderPage(page));
  },
  catalogApi: async ({ request }, use) => {
    await use(new CatalogApi(request));
  },
  adminLogin: async ({ page }, use) => {
    await use(new AdminLoginPage(page));
  },
  admin: async ({ page, adminLogin }, use) => {
    const admin = new AdminPages(page);
    await base.step('Log in to the admin area', async () => {
      await adminLogin.goto();
      await adminLogin.login(adminPassword());
      await expect(admin.heading).toHaveText('Dashboard');
    });
    await use(admin);
  },
  accessibility: async ({ page }, use) => {
    await use(new Accessibility(page));
  },
});

export { expect };
