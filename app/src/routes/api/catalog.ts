import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { findCategoryBySlug, listCategories, type Category } from '../../domain/catalog/categories.js';
import { findProductBySlug, listProducts, type Product } from '../../domain/catalog/products.js';
import { findVendorBySlug, listVendors, type Vendor } from '../../domain/catalog/vendors.js';
import { NotFoundError } from '../../domain/domain-errors.js';
import {
  categoryListSchema,
  categorySchema,
  productListQuery,
  productPageSchema,
  productSchema,
  slugParams,
  vendorListSchema,
  vendorSchema,
  type ProductJson,
} from '../../schemas/catalog.js';
import { commonErrors, errorResponse } from '../../schemas/error-response.js';
import { sendCacheable } from '../cacheable.js';

const jsonType = 'application/json; charset=utf-8';

export function productJson(baseUrl: string, product: Product): ProductJson {
  return {
    id: product.id,
    sku: product.sku,
    slug: product.slug,
    name: product.name,
    description: product.description,
    priceCents: product.priceCents,
    stock: product.stock,
    inStock: product.stock > 0,
    specs: product.specs,
    vendor: product.vendor,
    category: product.category,
    url: `${baseUrl}/products/${product.slug}`,
  };
}

function vendorJson(baseUrl: string, vendor: Vendor) {
  return {
    slug: vendor.slug,
    name: vendor.name,
    description: vendor.description,
    website: vendor.website,
    country: vendor.country,
    productCount: vendor.productCount,
    url: `${baseUrl}/vendors/${vendor.slug}`,
    productsUrl: `${baseUrl}/api/v1/products?vendor=${vendor.slug}`,
  };
}

function categoryJson(baseUrl: string, category: Category) {
  return {
    slug: category.slug,
    name: category.name,
    description: category.description,
    productCount: category.productCount,
    url: `${baseUrl}/categories/${category.slug}`,
    productsUrl: `${baseUrl}/api/v1/products?category=${category.slug}`,
  };
}

/** Read-only catalog API under /api/v1: products, vendors, categories. */
export async function catalogApiRoutes(root: FastifyInstance): Promise<void> {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/products',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List active products with filters, search, sorting and pagination',
        description: 'A page past the last one answers 200 with no items, so clients can stop on an empty page.',
        querystring: productListQuery,
        response: { 200: productPageSchema, ...commonErrors },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) => {
      const query = request.query;
      const filters = {
        q: query.q,
        vendors: query.vendor,
        category: query.category,
        minPriceCents: query.minPriceCents,
        maxPriceCents: query.maxPriceCents,
        inStock: query.inStock,
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
      };
      // Search text is PostgreSQL's full-text search; everything else the snapshot answers.
      const result = snapshot && (filters.q === undefined || filters.q.trim() === '')
        ? snapshot.list(filters)
        : await listProducts(app.db, filters, app.catalogSync === null ? { counts: app.catalogCache } : {});
      return JSON.stringify({
        items: result.items.map((product) => productJson(app.baseUrl, product)),
        page: result.page,
        pageSize: result.pageSize,
        total: result.total,
        totalPages: result.totalPages,
      });
    }),
  );

  app.get(
    '/api/v1/products/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One active product by its slug',
        params: slugParams,
        response: { 200: productSchema, ...commonErrors, 404: errorResponse.describe('no active product with this slug') },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) => {
      const product = snapshot ? (snapshot.product(request.params.slug) ?? null) : await findProductBySlug(app.db, request.params.slug);
      if (!product) throw new NotFoundError('product');
      return JSON.stringify(productJson(app.baseUrl, product));
    }),
  );

  app.get(
    '/api/v1/vendors',
    {
      schema: {
        tags: ['catalog'],
        summary: 'All vendors with their number of active products',
        response: { 200: vendorListSchema, ...commonErrors },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) =>
      JSON.stringify({ items: (snapshot ? snapshot.vendors : await listVendors(app.db)).map((vendor) => vendorJson(app.baseUrl, vendor)) })),
  );

  app.get(
    '/api/v1/vendors/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One vendor by its slug, with its product count and where to list its products',
        params: slugParams,
        response: { 200: vendorSchema, ...commonErrors, 404: errorResponse.describe('no vendor with this slug') },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) => {
      const vendor = snapshot ? (snapshot.vendor(request.params.slug) ?? null) : await findVendorBySlug(app.db, request.params.slug);
      if (!vendor) throw new NotFoundError('vendor');
      return JSON.stringify(vendorJson(app.baseUrl, vendor));
    }),
  );

  app.get(
    '/api/v1/categories',
    {
      schema: {
        tags: ['catalog'],
        summary: 'All categories in the shop\'s order, with their number of active products',
        response: { 200: categoryListSchema, ...commonErrors },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) =>
      JSON.stringify({ items: (snapshot ? snapshot.categories : await listCategories(app.db)).map((category) => categoryJson(app.baseUrl, category)) })),
  );

  app.get(
    '/api/v1/categories/:slug',
    {
      schema: {
        tags: ['catalog'],
        summary: 'One category by its slug',
        params: slugParams,
        response: { 200: categorySchema, ...commonErrors, 404: errorResponse.describe('no category with this slug') },
      },
    },
    async (request, reply) => sendCacheable(request, reply, jsonType, app.catalogSync?.current ?? null, async (snapshot) => {
      const category = snapshot ? (snapshot.category(request.params.slug) ?? null) : await findCategoryBySlug(app.db, request.params.slug);
      if (!category) throw new NotFoundError('category');
      return JSON.stringify(categoryJson(app.baseUrl, category));
    }),
  );
}
