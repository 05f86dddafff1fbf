import { expect, type Locator, type Page } from '@playwright/test';

// Page objects for the admin area at /admin: login, products, vouchers.

export class AdminLoginPage {
  readonly heading: Locator;
  readonly password: Locator;
  readonly loginButton: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Admin login' });
    this.password = page.getByLabel('Password');
    this.loginButton = page.getByRole('button', { name: 'Log in' });
    this.error = page.getByRole('alert');
  }

  async goto(): Promise<void> {
    await this.page.goto('/admin/login');
  }

  async login(password: string): Promise<void> {
    await this.password.fill(password);
    await this.loginButton.click();
  }
}

export interface NewProduct {
  sku: string;
  slug: string;
  name: string;
  vendor: string;
  category: string;
  priceDollars: string;
  stock: number;
  specs: string;
}

export interface NewVoucher {
  code: string;
  description: string;
  kind: 'Percent off' | 'Fixed amount off (USD)';
  amount: string;
}

export class AdminPages {
  readonly nav: Locator;
  readonly heading: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.nav = page.getByRole('navigation', { name: 'Admin' });
    this.heading = page.getByRole('heading', { level: 1 });
    this.notice = page.getByRole('main').getByRole('status');
  }

  async logout(): Promise<void> {
    await this.nav.getByRole('button', { name: 'Log out' }).click();
  }

  async createProduct(product: NewProduct): Promise<void> {
    await this.page.goto('/admin/products/new');
    const page = this.page;
    await page.getByLabel('SKU').fill(product.sku);
    await page.getByLabel('Slug').fill(product.slug);
    await page.getByLabel('Name', { exact: true }).fill(product.name);
    await page.getByLabel('Vendor').selectOption({ label: product.vendor });
    await page.getByLabel('Category').selectOption({ label: product.category });
    await page.getByLabel('Price (USD)').fill(product.priceDollars);
    await page.getByLabel('Stock', { exact: true }).fill(String(product.stock));
    await page.getByLabel('Specs').fill(product.specs);
    await page.getByRole('button', { name: 'Save product' }).click();
    await expect(this.notice).toHaveText('Product saved.');
  }

  /** Finds a product in the admin list by its SKU, the way a clerk would. */
  async findProduct(sku: string): Promise<void> {
    await this.page.goto('/admin/products');
    // The site header has a search form too; the admin's own is in the main content.
    const search = this.page.getByRole('main').getByRole('search');
    await search.getByLabel('Name or SKU').fill(sku);
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(this.page.getByRole('main')).toContainText(`1 product matching "${sku}"`);
  }

  /** Types into the list's stock field: a number sets it, +n / -n adjusts it. */
  async changeStock(sku: string, productName: string, change: string): Promise<void> {
    await this.findProduct(sku);
    await this.page.getByLabel(`Stock of ${productName}:`).fill(change);
    await this.page.getByRole('row').filter({ hasText: sku }).getByRole('button', { name: 'Set stock' }).click();
    await expect(this.notice).toHaveText('Stock updated.');
  }

  async changePrice(sku: string, productName: string, priceDollars: string): Promise<void> {
    await this.findProduct(sku);
    await this.page.getByRole('link', { name: productName, exact: true }).click();
    await expect(this.heading).toHaveText(`Edit ${productName}`);
    await this.page.getByLabel('Price (USD)').fill(priceDollars);
    await this.page.getByRole('button', { name: 'Save product' }).click();
    await expect(this.notice).toHaveText('Product saved.');
  }

  async createVoucher(voucher: NewVoucher): Promise<void> {
    await this.page.goto('/admin/vouchers/new');
    await this.page.getByLabel('Code').fill(voucher.code);
    await this.page.getByLabel('Description').fill(voucher.description);
    await this.page.getByLabel('Kind').selectOption({ label: voucher.kind });
    await this.page.getByLabel('Amount', { exact: true }).fill(voucher.amount);
    await expect(this.page.getByRole('checkbox', { name: 'Active' })).toBeChecked();
    await this.page.getByRole('button', { name: 'Save voucher' }).click();
    await expect(this.notice).toHaveText('Voucher saved.');
  }
}
