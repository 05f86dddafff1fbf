import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findCategoryBySlug } from '../../domain/catalog/categories.js';
import { findProductBySlug, listProductCards, relatedProducts, type ProductFilters } from '../../domain/catalog/products.js';
import { maxSearchLength } from '../../domain/catalog/search.js';
import { findVendorBySlug } from '../../domain/catalog/vendors.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { catalogPageQuery, slugParams } from '../../schemas/catalog.js';
import { listingQueryString, listingSection, type ListingState } from '../../views/catalog/listing.js';
import { facetHeader, homePage, searchHelpPage, vendorsPage } from '../../views/catalog/pages.js';
import { metaDescription, productJsonLd, productPage } from '../../views/catalog/product.js';
import { html } from '../../views/html.js';
import { invalidQuery } from '../invalid-query.js';
import { layout } from '../../views/layout.js';
import { pageContext } from '../../views/page-context.js';

const htmlType = 'text/html; charset=utf-8';

/**
 * Reads a catalog page's query. Empty form fields count as unset (a GET form sends them all);
 * unknown parameters are ignored; a malformed value is a 400 page that names the parameter.
 */
function parseListingQuery(request: FastifyRequest): ListingState {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const present: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === '' || (Array.isArray(value) && value.every((item) => item === ''))) continue;
    present[key] = value;
  }
  const parsed = catalogPageQuery.safeParse(present);
  if (!parsed.success) throw invalidQuery(parsed.error);
  const query = parsed.data;
  if (query.min !== undefined && query.max !== undefined && query.min > query.max) {
    throw new ValidationError([{ path: 'max', message: 'expected a maximum price not below the minimum price' }], 'Invalid query parameter "max": expected a maximum price not below the minimum price.');
  }
  return {
    // Only this much is searched, so only this much is echoed into the page and its links.
    q: query.q?.slice(0, maxSearchLength),
    vendors: query.vendor ?? [],
    category: query.category,
    minCents: query.min,
    maxCents: query.max,
    inStock: query.inStock ?? false,
    sort: query.sort,
    page: query.page,
  };
}

/**
 * The slug of a vendor, category or product page. A malformed one (NUL, quotes, capitals)
 * cannot name a page, so it is that page's 404 without asking the database, which could not
 * even hold some of those characters. (The API, whose clients build URLs, says 400.)
 */
function slugOf(request: FastifyRequest, what: string): string {
  const parsed = slugParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError(what);
  return parsed.data.slug;
}

function filtersOf(state: ListingState): ProductFilters {
  return {
    q: state.q,
    vendors: state.vendors,
    category: state.category,
    minPriceCents: state.minCents,
    maxPriceCents: state.maxCents,
    inStock: state.inStock,
    sort: state.sort,
    page: state.page,
  };
}

/** Storefront catalog pages: home, listing, search, vendors, categories, product. */
export async function catalogPageRoutes(app: FastifyInstance): Promise<void> {
  const send = (reply: FastifyReply, page: string): FastifyReply => reply.type(htmlType).send(page);
  // Vendor and category lists and result counts come from the catalog cache; products are read fresh.
  const cachedVendors = async () => (await app.catalogCache.facets(app.db)).vendors;
  const cachedCategories = async () => (await app.catalogCache.facets(app.db)).categories;
  const counted = { counts: app.catalogCache };

  app.get('/', { schema: { hide: true } }, async (request, reply) => {
    const [categories, newest, vendors] = await Promise.all([
      cachedCategories(),
      listProductCards(app.db, { sort: 'newest', pageSize: 8 }, counted),
      cachedVendors(),
    ]);
    return send(
      reply,
      layout(
        {
          title: 'Computers, parts and peripherals',
          description: 'Bitshop sells laptops, desktops, monitors, graphics cards, processors, storage, memory and peripherals from the brands you know.',
          canonical: `${app.baseUrl}/`,
        },
        await pageContext(request),
        homePage(categories, newest.items, vendors),
      ),
    );
  });

  app.get('/products', { schema: { hide: true } }, async (request, reply) => {
    const state = parseListingQuery(request);
    const [result, vendors, categories] = await Promise.all([listProductCards(app.db, filtersOf(state), counted), cachedVendors(), cachedCategories()]);
    const category = categories.find((item) => item.slug === state.category);
    const heading = category ? category.name : 'All products';
    const body = html`<h1>${heading}</h1>!${listingSection({ basePath: '/products', state, result, vendors, categories })}`;
    return send(
      reply,
      layout(
        {
          title: state.page > 1 ? `${heading}, page ${state.page}` : heading,
          description: `Browse ${result.total} computers, parts and peripherals at Bitshop: filter by vendor, category, price and stock.`,
          canonical: `${app.baseUrl}/products${listingQueryString(state)}`,
        },
        await pageContext(request, state.q),
        body,
      ),
    );
  });

  app.get('/search', { schema: { hide: true } }, async (request, reply) => {
    const state = parseListingQuery(request);
    const q = state.q?.trim() ?? '';
    if (q === '') {
      return send(
        reply,
        layout({ title: 'Search', description: 'Search the Bitshop catalog by name, vendor or specification.', canonical: `${app.baseUrl}/search` }, await pageContext(request), searchHelpPage()),
      );
    }
    const [result, vendors, categories] = await Promise.all([listProductCards(app.db, filtersOf(state), counted), cachedVendors(), cachedCategories()]);
    const body = html`<h1>Search results for “${q}”</h1>!${listingSection({ basePath: '/search', state, result, vendors, categories })}`;
    return send(
      reply,
      layout(
        {
          title: `Search: ${q}`,
          description: `${result.total} products at Bitshop match “${q}”.`,
          canonical: `${app.baseUrl}/search${listingQueryString(state)}`,
        },
        await pageContext(request, state.q),
        body,
      ),
    );
  });

  app.get('/categories/:slug', { schema: { hide: true } }, async (request, reply) => {
    const category = await findCategoryBySlug(app.db, slugOf(request, 'category'));
    if (!category) throw new NotFoundError('category');
    const state = { ...parseListingQuery(request), category: undefined };
    const [result, vendors, categories] = await Promise.all([
      listProductCards(app.db, { ...filtersOf(state), category: category.slug }, counted),
      cachedVendors(),
      cachedCategories(),
    ]);
    const basePath = `/categories/${category.slug}`;
    return send(
      reply,
      layout(
        {
          title: state.page > 1 ? `${category.name}, page ${state.page}` : category.name,
          description: metaDescription(category.description, `${category.name} at Bitshop: ${category.productCount} products from the brands you know.`),
          canonical: `${app.baseUrl}${basePath}${listingQueryString(state)}`,
        },
        await pageContext(request),
        facetHeader('category', category, listingSection({ basePath, state, result, vendors, categories, fixed: 'category' })),
      ),
    );
  });

  app.get('/vendors', { schema: { hide: true } }, async (request, reply) => {
    const vendors = await cachedVendors();
    return send(
      reply,
      layout(
        { title: 'Vendors', description: 'The computer brands Bitshop sells, with their laptops, desktops, monitors, parts and peripherals.', canonical: `${app.baseUrl}/vendors` },
        await pageContext(request),
        vendorsPage(vendors),
      ),
    );
  });

  app.get('/vendors/:slug', { schema: { hide: true } }, async (request, reply) => {
    const vendor = await findVendorBySlug(app.db, slugOf(request, 'vendor'));
    if (!vendor) throw new NotFoundError('vendor');
    const state = { ...parseListingQuery(request), vendors: [] };
    const [result, categories] = await Promise.all([listProductCards(app.db, { ...filtersOf(state), vendors: [vendor.slug] }, counted), cachedCategories()]);
    const basePath = `/vendors/${vendor.slug}`;
    return send(
      reply,
      layout(
        {
          title: state.page > 1 ? `${vendor.name}, page ${state.page}` : vendor.name,
          description: metaDescription(vendor.description, `${vendor.name} products at Bitshop.`),
          canonical: `${app.baseUrl}${basePath}${listingQueryString(state)}`,
        },
        await pageContext(request),
        facetHeader('vendor', vendor, listingSection({ basePath, state, result, vendors: [], categories, fixed: 'vendor' })),
      ),
    );
  });

  app.get('/products/:slug', { schema: { hide: true } }, async (request, reply) => {
    const product = await findProductBySlug(app.db, slugOf(request, 'product'));
    if (!product) throw new NotFoundError('product');
    const related = await relatedProducts(app.db, product);
    const url = `${app.baseUrl}/products/${product.slug}`;
    return send(
      reply,
      layout(
        {
          title: product.name,
          description: metaDescription(product.description, `${product.name} by ${product.vendor.name} at Bitshop.`),
          canonical: url,
          jsonLd: productJsonLd(product, url),
        },
        await pageContext(request),
        productPage(product, related),
      ),
    );
  });
}
