import { z } from 'zod';
import type { CategoryFields } from '../../domain/admin/categories.js';
import type { AdminProduct, ProductFields, SpecValue } from '../../domain/admin/products.js';
import type { StockChange } from '../../domain/admin/products.js';
import type { VendorFields } from '../../domain/admin/vendors.js';
import type { AdminVoucher, VoucherFields } from '../../domain/admin/vouchers.js';
import type { FieldProblem } from '../../domain/domain-errors.js';
import { productSlugSchema, skuSchema, slugSchema, specKeySchema, specValueSchema, voucherCodeSchema, websiteSchema } from '../../schemas/admin.js';
import { multiLineText, oneLineText } from '../../schemas/text.js';
import type { FormState } from '../../views/admin/layout.js';

// HTML forms send strings. These parsers turn them into the same domain input the API takes,
// or into field errors and the values as typed, so the form can be shown again.

export type FormResult<T> = { ok: true; value: T } | { ok: false; state: FormState };

/** The first string of each form field; anything else (arrays, objects from JSON) as ''. */
export function formValues(body: unknown, names: readonly string[]): Record<string, string> {
  const source = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: Record<string, string> = {};
  for (const name of names) {
    const raw = Object.hasOwn(source, name) ? source[name] : undefined;
    const first = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
    values[name] = typeof first === 'string' ? first : '';
  }
  return values;
}

export function parseWith<T>(schema: z.ZodType<T>, values: Record<string, string>): FormResult<T> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'form';
    errors[key] ??= issue.message;
  }
  return { ok: false, state: { values, errors } };
}

/** Domain field problems (duplicate SKU, unknown vendor...) as form errors. */
export function stateWithProblems(values: Record<string, string>, problems: FieldProblem[], fieldOfPath: Record<string, string> = {}): FormState {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[fieldOfPath[problem.path] ?? problem.path] ??= problem.message;
  return { values, errors };
}

export const text = (max: number, required: boolean) => {
  const base = oneLineText().max(max, { error: `at most ${max} characters` });
  return required ? base.min(1, { error: 'required' }) : base;
};

const longText = (max: number) => multiLineText().max(max, { error: `at most ${max} characters` });

export const dollars = z
  .string()
  .trim()
  .regex(/^\$?\d{1,8}$|^\$?\d{1,8}\.\d{1,2}$/, { error: 'enter dollars with at most two decimals, e.g. 19.99' })
  .transform((value) => {
    const [whole = '0', fraction = ''] = value.replace('$', '').split('.');
    return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  })
  .pipe(z.int().max(1_000_000_000, { error: 'too large' }));

const optionalDollars = z.union([z.literal('').transform(() => 0), dollars]);

export const wholeNumber = z
  .string()
  .trim()
  .regex(/^-?\d{1,9}$/, { error: 'expected a whole number' })
  .transform(Number);

export const checkbox = z.string().transform((value) => value === 'on');

const dateTimeLocal = z.union([
  z.literal('').transform(() => null),
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d$|^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/, { error: 'expected a date and time' })
    .transform((value) => new Date(`${value}Z`))
    .refine((date) => !Number.isNaN(date.getTime()), { error: 'not a real date' }),
]);

function specValue(raw: string): SpecValue {
  // Numbers and booleans keep their JSON type so they round-trip with what the seed stored.
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (/^-?\d+$|^-?\d+\.\d+$/.test(raw) && String(Number(raw)) === raw) return Number(raw);
  return raw;
}

const specsText = multiLineText().transform((value, ctx) => {
  const specs: Record<string, SpecValue> = {};
  const lines = value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  for (const [index, line] of lines.entries()) {
    const colon = line.indexOf(':');
    const key = colon < 0 ? '' : line.slice(0, colon).trim();
    const raw = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (colon < 0 || key === '' || raw === '') {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1}: write "name: value" (name up to 60 characters, value up to 500)` });
      return z.NEVER;
    }
    const problem = [specKeySchema.safeParse(key), specValueSchema.safeParse(raw)].flatMap((result) => result.error?.issues ?? [])[0]?.message;
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1}: ${problem}` });
      return z.NEVER;
    }
    if (Object.hasOwn(specs, key)) {
      ctx.addIssue({ code: 'custom', message: `line ${index + 1}: "${key}" appears twice` });
      return z.NEVER;
    }
    specs[key] = specValue(raw);
  }
  if (Object.keys(specs).length > 60) {
    ctx.addIssue({ code: 'custom', message: 'at most 60 specs' });
    return z.NEVER;
  }
  return specs;
});

export const productFormFields = ['sku', 'slug', 'name', 'description', 'vendor', 'category', 'price', 'stock', 'active', 'specs'] as const;

const productForm = z
  .object({
    sku: z.string().trim().pipe(skuSchema),
    slug: z.string().trim().pipe(productSlugSchema),
    name: text(200, true),
    description: longText(10_000),
    vendor: z.string().min(1, { error: 'choose a vendor' }).pipe(slugSchema),
    category: z.string().min(1, { error: 'choose a category' }).pipe(slugSchema),
    price: dollars,
    stock: wholeNumber.pipe(z.int().min(0, { error: 'stock cannot go below zero' }).max(1_000_000, { error: 'at most 1000000' })),
    active: checkbox,
    specs: specsText,
  })
  .transform(
    (form): ProductFields => ({
      sku: form.sku,
      slug: form.slug,
      name: form.name,
      description: form.description,
      vendor: form.vendor,
      category: form.category,
      priceCents: form.price,
      stock: form.stock,
      active: form.active,
      specs: form.specs,
    }),
  );

export function parseProductForm(body: unknown): FormResult<ProductFields> & { values: Record<string, string> } {
  const values = formValues(body, productFormFields);
  return { ...parseWith(productForm, values), values };
}

export const productFieldOfPath: Record<string, string> = { priceCents: 'price' };

export function productToForm(product: AdminProduct): FormState {
  return {
    values: {
      sku: product.sku,
      slug: product.slug,
      name: product.name,
      description: product.description,
      vendor: product.vendor,
      category: product.category,
      price: (product.priceCents / 100).toFixed(2),
      stock: String(product.stock),
      active: product.active ? 'on' : '',
      specs: Object.entries(product.specs)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join('\n'),
    },
    errors: {},
  };
}

/** "12" sets the stock; "+5" or "-2" moves it. */
export function parseStockForm(body: unknown): { ok: true; value: StockChange } | { ok: false; error: string } {
  const raw = formValues(body, ['stock']).stock?.trim() ?? '';
  const match = /^([+-]?)(\d{1,7})$/.exec(raw);
  if (!match?.[2]) return { ok: false, error: 'enter a whole number to set, or +n / -n to adjust' };
  const amount = Number(match[2]);
  if (match[1] === '+') return { ok: true, value: { adjust: amount } };
  if (match[1] === '-') return { ok: true, value: { adjust: -amount } };
  return { ok: true, value: { set: amount } };
}

export const vendorFormFields = ['slug', 'name', 'description', 'website', 'country'] as const;

const vendorForm = z.object({
  slug: z.string().trim().pipe(slugSchema),
  name: text(120, true),
  description: longText(4000),
  website: z.union([z.literal('').transform(() => null), z.string().trim().pipe(websiteSchema)]),
  country: z.union([
    z.literal('').transform(() => null),
    z
      .string()
      .trim()
      .regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as US' }),
  ]),
});

export function parseVendorForm(body: unknown): FormResult<VendorFields> & { values: Record<string, string> } {
  const values = formValues(body, vendorFormFields);
  return { ...parseWith(vendorForm, values), values };
}

export function vendorToForm(vendor: VendorFields): FormState {
  return { values: { slug: vendor.slug, name: vendor.name, description: vendor.description, website: vendor.website ?? '', country: vendor.country ?? '' }, errors: {} };
}

export const categoryFormFields = ['slug', 'name', 'description', 'position'] as const;

const categoryForm = z.object({
  slug: z.string().trim().pipe(slugSchema),
  name: text(120, true),
  description: longText(4000),
  position: wholeNumber.pipe(z.int().min(-100_000, { error: 'too small' }).max(100_000, { error: 'too large' })),
});

export function parseCategoryForm(body: unknown): FormResult<CategoryFields> & { values: Record<string, string> } {
  const values = formValues(body, categoryFormFields);
  return { ...parseWith(categoryForm, values), values };
}

export function categoryToForm(category: CategoryFields): FormState {
  return { values: { slug: category.slug, name: category.name, description: category.description, position: String(category.position) }, errors: {} };
}

export const voucherFormFields = ['code', 'description', 'kind', 'amount', 'minTotal', 'startsAt', 'endsAt', 'maxRedemptions', 'active'] as const;

const voucherForm = z.object({
  code: z.string().trim().pipe(voucherCodeSchema),
  description: longText(500),
  kind: z.enum(['percent', 'fixed'], { error: 'choose percent or fixed' }),
  minTotal: optionalDollars,
  startsAt: dateTimeLocal,
  endsAt: dateTimeLocal,
  maxRedemptions: z.union([z.literal('').transform(() => null), wholeNumber.pipe(z.int().min(1, { error: 'must be above 0' }).max(1_000_000_000, { error: 'too large' }))]),
  active: checkbox,
});

// Percent is a whole number; a fixed amount is dollars, stored as cents. Checked on its own so
// its error shows together with the other fields' errors.
function voucherAmount(kind: string | undefined, raw: string | undefined): { ok: true; value: number } | { ok: false; error: string } {
  const amount =
    kind === 'fixed' ? dollars.pipe(z.int().min(1)).safeParse(raw ?? '') : wholeNumber.pipe(z.int().min(1).max(100)).safeParse(raw ?? '');
  if (amount.success) return { ok: true, value: amount.data };
  return { ok: false, error: kind === 'fixed' ? 'dollars above 0 with at most two decimals' : 'a percentage from 1 to 100' };
}

export function parseVoucherForm(body: unknown): FormResult<VoucherFields> & { values: Record<string, string> } {
  const values = formValues(body, voucherFormFields);
  const rest = parseWith(voucherForm, values);
  const amount = voucherAmount(values.kind, values.amount);
  if (!rest.ok || !amount.ok) {
    const errors = rest.ok ? {} : rest.state.errors;
    if (!amount.ok) errors.amount = amount.error;
    return { ok: false, state: { values, errors }, values };
  }
  const { minTotal, ...fields } = rest.value;
  return { ok: true, value: { ...fields, amount: amount.value, minTotalCents: minTotal }, values };
}

export const voucherFieldOfPath: Record<string, string> = { minTotalCents: 'minTotal' };

function localInput(date: Date | null): string {
  return date === null ? '' : date.toISOString().slice(0, 16);
}

export function voucherToForm(voucher: AdminVoucher): FormState {
  return {
    values: {
      code: voucher.code,
      description: voucher.description,
      kind: voucher.kind,
      amount: voucher.kind === 'percent' ? String(voucher.amount) : (voucher.amount / 100).toFixed(2),
      minTotal: voucher.minTotalCents === 0 ? '' : (voucher.minTotalCents / 100).toFixed(2),
      startsAt: localInput(voucher.startsAt),
      endsAt: localInput(voucher.endsAt),
      maxRedemptions: voucher.maxRedemptions === null ? '' : String(voucher.maxRedemptions),
      active: voucher.active ? 'on' : '',
    },
    errors: {},
  };
}
