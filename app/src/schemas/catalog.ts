import { z } from 'zod';
import { defaultPageSize, maxPageSize, productSorts } from '../domain/catalog/products.js';
import { screenBucketIds, sizeIdPattern } from '../domain/catalog/spec-facets.js';
import { multiLineText, oneLine } from './text.js';

// Request and response shapes of the catalog. The API is strict (an unknown or malformed
// parameter is a 400 naming it); the HTML pages share the value rules but ignore unknown
// parameters (tracking tags, old links) and read prices in dollars.

// Same rule as the tables' CHECK: lowercase words joined by single hyphens.
export const slugPattern = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$/;
export const slugSchema = z.string().max(120, { error: 'expected at most 120 characters' }).regex(slugPattern, { error: 'expected a slug such as "dell" or "laptops"' });

const maxFilterSlugs = 20;
/** One or several values: repeated (`vendor=a&vendor=b`) or comma-separated (`vendor=a,b`). */
function filterList(item: z.ZodType<string, string>, what: string) {
  return z
    .union([oneLine(z.string()), z.array(oneLine(z.string()))])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter((entry) => entry !== ''))
    .pipe(z.array(item).max(maxFilterSlugs, { error: `expected at most ${maxFilterSlugs} ${what}` }));
}
const vendorList = filterList(slugSchema, 'vendors');
const sizeId = z.string().regex(sizeIdPattern, { error: 'expected a size such as 16-gb or 1-tb' });
const nameId = z.string().max(80, { error: 'expected at most 80 characters' }).regex(slugPattern, { error: 'expected a value such as intel-core-i7' });
const screenId = z.enum(screenBucketIds, { error: `expected one of ${screenBucketIds.join(', ')}` });

const booleanParam = z.enum(['true', 'false', '1', '0', 'on'], { error: 'expected true or false' }).transform((value) => value === 'true' || value === '1' || value === 'on');

// Higher than any price in the shop and still an integer column's comfortable range.
const maxCents = 100_000_000;
const cents = z.coerce
  .number({ error: 'expected a whole number of cents' })
  .int({ error: 'expected a whole number of cents' })
  .min(0, { error: 'expected 0 or more' })
  .max(maxCents, { error: `expected at most ${maxCents}` });

const pageParam = z.coerce
  .number({ error: 'expected a page number' })
  .int({ error: 'expected a whole page number' })
  .min(1, { error: 'expected a page number of 1 or more' })
  .max(100_000, { error: 'expected a page number of at most 100000' });

const pageSizeParam = z.coerce
  .number({ error: 'expected a page size' })
  .int({ error: 'expected a whole page size' })
  .min(1, { error: 'expected a page size of 1 or more' })
  .max(maxPageSize, { error: `expected a page size of at most ${maxPageSize}` });

const sortParam = z.enum(productSorts, { error: `expected one of ${productSorts.join(', ')}` });
// Longer text is cut to the search limit by the domain; this bound only stops absurd input.
// Tabs and line breaks are let through because the domain folds them into spaces; NUL and
// other control characters are refused.
const searchText = multiLineText().max(2000, { error: 'expected at most 2000 characters' });

export const productListQuery = z.strictObject({
  q: searchText.optional().describe('full-text search (web search syntax: "quoted phrase", or, -exclude)'),
  vendor: vendorList.optional().describe('vendor slug; repeat or separate with commas for several'),
  category: slugSchema.optional().describe('category slug'),
  minPriceCents: cents.optional().describe('lowest price in cents'),
  maxPriceCents: cents.optional().describe('highest price in cents'),
  inStock: booleanParam.optional().describe('only products with stock'),
  sort: sortParam.optional().describe('relevance (default with q), newest (default otherwise), price_asc, price_desc, name'),
  page: pageParam.default(1).describe('1-based page number'),
  pageSize: pageSizeParam.default(defaultPageSize).describe(`items per page, at most ${maxPageSize}`),
});
export type ProductListQuery = z.output<typeof productListQuery>;

export const slugParams = z.strictObject({ slug: slugSchema });

const dollars = z
  .string()
  .regex(/^\d{1,7}$|^\d{1,7}\.\d{1,2}$/, { error: 'expected an amount in dollars such as 250 or 99.99' })
  .transform((value) => Math.round(Number(value) * 100));

/** Query of the HTML catalog pages: prices in dollars, empty form fields mean "not set". */
export const catalogPageQuery = z.object({
  q: multiLineText().optional(),
  vendor: vendorList.optional(),
  category: slugSchema.optional(),
  min: dollars.optional(),
  max: dollars.optional(),
  inStock: booleanParam.optional(),
  memory: filterList(sizeId, 'memory sizes').optional(),
  storage: filterList(sizeId, 'storage sizes').optional(),
  cpu: filterList(nameId, 'processor families').optional(),
  gpu: filterList(nameId, 'graphics').optional(),
  screen: filterList(screenId, 'screen sizes').optional(),
  sort: sortParam.optional(),
  page: pageParam.default(1),
});
export type CatalogPageQuery = z.output<typeof catalogPageQuery>;

const ref = z.object({ slug: z.string(), name: z.string() });

export const productSchema = z
  .object({
    id: z.number().int(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    priceCents: z.number().int().describe('price in US cents'),
    stock: z.number().int(),
    inStock: z.boolean(),
    specs: z.record(z.string(), z.unknown()).describe('technical data; keys depend on the category'),
    vendor: ref,
    category: ref,
    url: z.string().describe('absolute address of the product page'),
  })
  .meta({ id: 'Product' });
export type ProductJson = z.infer<typeof productSchema>;

export const productPageSchema = z
  .object({
    items: z.array(productSchema),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int().describe('products matching the filters'),
    totalPages: z.number().int(),
  })
  .meta({ id: 'ProductPage' });

export const vendorSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    website: z.string().nullable(),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2 code'),
    productCount: z.number().int(),
    url: z.string().describe('absolute address of the vendor page'),
    productsUrl: z.string().describe('API address listing this vendor\'s products'),
  })
  .meta({ id: 'Vendor' });

export const vendorListSchema = z.object({ items: z.array(vendorSchema) }).meta({ id: 'VendorList' });

export const categorySchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    productCount: z.number().int(),
    url: z.string().describe('absolute address of the category page'),
    productsUrl: z.string().describe('API address listing this category\'s products'),
  })
  .meta({ id: 'Category' });

export const categoryListSchema = z.object({ items: z.array(categorySchema) }).meta({ id: 'CategoryList' });
