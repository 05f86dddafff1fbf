import { z } from 'zod';
import { slugPattern } from './catalog.js';
import { multiLineText, oneLine, oneLineText } from './text.js';

// Request and response shapes of /api/v1/admin. The field rules mirror the table checks in
// migrations 001-002 so a bad value is a 400 naming the field, never a database error.

export const skuSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: 'use 3 to 40 uppercase letters, digits or dashes, starting with a letter or digit' })
  .describe('stock keeping unit, e.g. LAP-XPS13-2025')
  // Examples name rows of the seed catalog, so a client (or the fuzzer) trying them on a fresh
  // shop reaches a real product or voucher instead of a 404.
  .meta({ examples: ['LEN-NBVVLKKX'] });
// Words of lowercase letters and digits joined by single dashes: the catalog's pattern, so the
// OpenAPI document states the rule.
const slugOf = (max: number) =>
  z
    .string()
    .max(max, { error: `at most ${max} characters` })
    .regex(slugPattern, { error: 'use lowercase letters and digits separated by single dashes' });
export const slugSchema = slugOf(80);
export const productSlugSchema = slugOf(120);
export const voucherCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{2,31}$/, { error: 'use 3 to 32 uppercase letters, digits, dashes or underscores' })
  .meta({ examples: ['WELCOME10'] });
const name = (max: number) => oneLineText().min(1, { error: 'required' }).max(max, { error: `at most ${max} characters` });
const description = (max: number) => multiLineText().max(max, { error: `at most ${max} characters` });
export const centsSchema = z.int({ error: 'expected a whole number of cents' }).min(0, { error: 'cannot be negative' }).max(1_000_000_000, { error: 'too large' });
export const stockSchema = z.int({ error: 'expected a whole number' }).min(0, { error: 'stock cannot go below zero' }).max(1_000_000, { error: 'at most 1000000' });
// Spec names and values are one line each (the admin form writes one "name: value" per line);
// they are stored as sent, so not trimmed.
export const specKeySchema = oneLine(z.string())
  .min(1)
  .max(60, { error: 'spec names are at most 60 characters' })
  .regex(/^[^:]+$/, { error: 'spec names cannot contain a colon' });
export const specValueSchema = oneLine(z.string()).max(500, { error: 'spec values are at most 500 characters' });
export const specsSchema = z
  .record(specKeySchema, z.union([specValueSchema, z.number(), z.boolean()]))
  .refine((specs) => Object.keys(specs).length <= 60, { error: 'at most 60 specs' })
  .describe('technical specifications, name to value');
export const websiteSchema = oneLine(z.string())
  .max(300, { error: 'at most 300 characters' })
  .regex(/^https?:\/\/\S+$/, { error: 'expected an http(s) address' });
const countrySchema = z.string().regex(/^[A-Z]{2}$/, { error: 'expected a two-letter country code such as US' });

const productFields = {
  sku: skuSchema,
  slug: productSlugSchema,
  name: name(200),
  description: description(10_000),
  vendor: slugSchema.describe('slug of the vendor'),
  category: slugSchema.describe('slug of the category'),
  priceCents: centsSchema.describe('price in US cents'),
  stock: stockSchema,
  active: z.boolean(),
  specs: specsSchema,
};

export const productCreateBody = z
  .strictObject({
    ...productFields,
    description: productFields.description.default(''),
    stock: productFields.stock.default(0),
    active: productFields.active.default(true),
    specs: productFields.specs.default({}),
  })
  .meta({
    id: 'AdminProductCreate',
    examples: [{ sku: 'LEN-X1C-G13', slug: 'lenovo-thinkpad-x1-carbon-gen-13', name: 'Lenovo ThinkPad X1 Carbon Gen 13', vendor: 'lenovo', category: 'laptops', priceCents: 189_900, stock: 5 }],
  });

export const productPatchBody = z.strictObject(productFields).partial().meta({ id: 'AdminProductPatch' });

export const adminProduct = z
  .object({
    id: z.int(),
    ...productFields,
    vendorName: z.string(),
    categoryName: z.string(),
    lowStock: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminProduct' });

const vendorFields = {
  slug: slugSchema,
  name: name(120),
  description: description(4000),
  website: websiteSchema.nullable(),
  country: countrySchema.nullable(),
};

export const vendorCreateBody = z
  .strictObject({
    ...vendorFields,
    description: vendorFields.description.default(''),
    website: vendorFields.website.default(null),
    country: vendorFields.country.default(null),
  })
  .meta({ id: 'AdminVendorCreate' });
export const vendorPatchBody = z.strictObject(vendorFields).partial().meta({ id: 'AdminVendorPatch' });
export const adminVendor = z.object({ id: z.int(), ...vendorFields, productCount: z.int() }).meta({ id: 'AdminVendor' });

const categoryFields = {
  slug: slugSchema,
  name: name(120),
  description: description(4000),
  position: z.int({ error: 'expected a whole number' }).min(-100_000).max(100_000),
};

export const categoryCreateBody = z
  .strictObject({ ...categoryFields, description: categoryFields.description.default(''), position: categoryFields.position.default(0) })
  .meta({ id: 'AdminCategoryCreate' });
export const categoryPatchBody = z.strictObject(categoryFields).partial().meta({ id: 'AdminCategoryPatch' });
export const adminCategory = z.object({ id: z.int(), ...categoryFields, productCount: z.int() }).meta({ id: 'AdminCategory' });

const instant = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 date-time such as 2026-01-31T23:59:00Z' })
  .transform((value) => new Date(value));

const voucherFields = {
  code: voucherCodeSchema,
  description: description(500),
  kind: z.enum(['percent', 'fixed']),
  amount: z
    .int({ error: 'expected a whole number' })
    .min(1, { error: 'must be above 0' })
    .max(1_000_000_000)
    .describe('percent: 1 to 100; fixed: US cents off the subtotal'),
  minTotalCents: centsSchema,
  startsAt: instant.nullable(),
  endsAt: instant.nullable(),
  maxRedemptions: z.int({ error: 'expected a whole number' }).min(1, { error: 'must be above 0' }).max(1_000_000_000).nullable(),
  active: z.boolean(),
};

export const voucherCreateBody = z
  .strictObject({
    ...voucherFields,
    description: voucherFields.description.default(''),
    minTotalCents: voucherFields.minTotalCents.default(0),
    startsAt: voucherFields.startsAt.default(null),
    endsAt: voucherFields.endsAt.default(null),
    maxRedemptions: voucherFields.maxRedemptions.default(null),
    active: voucherFields.active.default(true),
  })
  .meta({ id: 'AdminVoucherCreate' });
export const voucherPatchBody = z.strictObject(voucherFields).partial().meta({ id: 'AdminVoucherPatch' });
export const adminVoucher = z
  .object({
    id: z.int(),
    code: z.string(),
    description: z.string(),
    kind: z.enum(['percent', 'fixed']),
    amount: z.int(),
    minTotalCents: z.int(),
    startsAt: z.iso.datetime().nullable(),
    endsAt: z.iso.datetime().nullable(),
    maxRedemptions: z.int().nullable(),
    redemptions: z.int(),
    active: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminVoucher' });

export const pageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const productListQuery = pageQuery.extend({ q: oneLineText().max(200, { error: 'at most 200 characters' }).optional().describe('part of a name or SKU') });

const pageInfo = { page: z.int(), pageSize: z.int(), total: z.int() };

export const orderSummary = z
  .object({
    id: z.uuid(),
    number: z.int(),
    createdAt: z.iso.datetime(),
    email: z.string(),
    customerName: z.string(),
    totalCents: z.int(),
    status: z.string(),
    itemCount: z.int(),
  })
  .meta({ id: 'AdminOrderSummary' });

export const orderDetail = orderSummary
  .extend({
    shippingAddress: z.string().describe('as printed on the parcel; orders placed before addresses were structured hold the text as typed'),
    address: z
      .object({ line1: z.string(), line2: z.string(), postalCode: z.string(), city: z.string(), country: z.string() })
      .nullable()
      .describe('null for orders placed before addresses were structured'),
    shipping: z.object({ name: z.string(), deliveryEstimate: z.string() }).nullable(),
    subtotalCents: z.int(),
    discountCents: z.int(),
    shippingCents: z.int(),
    vatCents: z.int().nullable(),
    vatRateBasisPoints: z.int().nullable(),
    voucherCode: z.string().nullable(),
    items: z.array(z.object({ productId: z.int(), sku: z.string(), name: z.string(), unitPriceCents: z.int(), quantity: z.int() })),
  })
  .meta({ id: 'AdminOrder' });

export const auditEntry = z
  .object({
    id: z.int(),
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });

export const productPage = z.object({ items: z.array(adminProduct), ...pageInfo }).meta({ id: 'AdminProductPage' });
export const orderPage = z.object({ items: z.array(orderSummary), ...pageInfo }).meta({ id: 'AdminOrderPage' });
export const auditPage = z.object({ items: z.array(auditEntry), ...pageInfo }).meta({ id: 'AuditPage' });

export const loginBody = z.strictObject({ password: z.string().min(1, { error: 'required' }).max(1000) }).meta({ id: 'AdminLogin' });
export const sessionResponse = z
  .object({
    csrfToken: z.string().describe('send as the x-csrf-token header on every unsafe admin request'),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'AdminSession' });
