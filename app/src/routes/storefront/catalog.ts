import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findCategoryBySlug, listCategories, type Category } from '../../domain/catalog/categories.js';
import { listWithFacets, type FacetedPage } from '../../domain/catalog/facet-listing.js';
import { findProductBySlug, listProductCards, relatedProducts, type Product, type ProductCard, type ProductFilters, type ProductPage } from '../../domain/catalog/products.js';
import { maxSearchLength } from '../../domain/catalog/search.js';
import type { CatalogSnapshot } from '../../domain/catalog/snapshot.js';
import { findVendorBySlug, listVendors, type Vendor } from '../../domain/catalog/vendors.js';
import { NotFoundError, ValidationError } from '../../domain/domain-errors.js';
import { catalogPageQuery, slugParams } from '../../schemas/catalog.js';
import { listingSection } from '../../views/catalog/listing.js';
import { listingQueryString, type ListingState } from '../../views/catalog/listing-query.js';
import { facetHeader, homePage, searchHelpPage, vendorsPage } from '../../views/catalog/pages.js';
import { breadcrumbs } from '../../views/catalog/parts.js';
import { metaDescription, productJsonLd, productPage } from '../../views/catalog/product.js';
import { html } from '../../views/html.js';
import { sendCacheable } from '../cacheable.js';
import { invalidQuery } from '../invalid-query.js';
import { layout } from '../../views/layout.js';
import { pageContext } from '../page-context.js';

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
    specs: { memory: query.memory, storage: query.storage, cpu: query.cpu, gpu: query.gpu, screen: query.screen },
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
    specs: state.specs,
    sort: state.sort,
    page: state.page,
  };
}

/**
 * Where a page's catalog data comes from: the in-memory snapshot when it is usable (see
 * domain/catalog/catalog-sync.ts), the database otherwise. Search text is always answered by
 * PostgreSQL's full-text search; its facets still come from the snapshot.
 */
function catalogSource(app: FastifyInstance, snapshot: CatalogSnapshot | null) {
  // Without the snapshot feature, facets and counts may come from the short-lived cache; with
  // it, a fallback to the database reads fresh, so an unusable snapshot never means stale pages.
  const counted = app.catalogSync === null ? { counts: app.catalogCache } : {};
  return {
    async vendors(): Promise<readonly Vendor[]> {
      return snapshot ? snapshot.vendors : app.catalogSync === null ? (await app.catalogCache.facets(app.db)).vendors : listVendors(app.db);
    },
    async categories(): Promise<readonly Category[]> {
      return snapshot ? snapshot.categories : app.catalogSync === null ? (await app.catalogCache.facets(app.db)).categories : listCategories(app.db);
    },
    async list(filters: ProductFilters): Promise<ProductPage<ProductCard>> {
      if (snapshot && (filters.q === undefined || filters.q.trim() === '')) return snapshot.list(filters);
      return listProductCards(app.db, filters, counted);
    },
    /** A listing page with its facet counts: in memory from the snapshot, else from the database. */
    async listing(filters: ProductFilters): Promise<FacetedPage> {
      if (snapshot && (filters.q === undefined || filters.q.trim() === '')) return snapshot.listWithFacets(filters);
      return listWithFacets(app.db, filters, counted);
    },
    async vendor(slug: string): Promise<Vendor | null> {
      return snapshot ? (snapshot.vendor(slug) ?? null) : findVendorBySlug(app.db, slug);
    },
    async category(slug: string): Promise<Category | null> {
      return snapshot ? (snapshot.category(slug) ?? null) : findCategoryBySlug(app.db, slug);
    },
    async product(slug: string): Promise<Product | null> {
      return snapshot ? (snapshot.product(slug) ?? null) : findProductBySlug(app.db, slug);
    },
    async related(product: Product): Promise<ProductCard[]> {
      return snapshot ? snapshot.related(product) : relatedProducts(app.db, product);
    },
  };
}

/** Storefront catalog pages: home, listing, search, vendors, categories, product. */
export async function catalogPageRoutes(app: FastifyInstance): Promise<void> {
  // Every page is rendered from one snapshot (or the database), taken as the request starts.
  const page = (render: (source: ReturnType<typeof catalogSource>, request: FastifyRequest) => Promise<string>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const snapshot = app.catalogSync?.current ?? null;
      return sendCacheable(request, reply, htmlType, snapshot, (taken) => render(catalogSource(app, taken), request));
    };

  app.get('/', { schema: { hide: true } }, page(async (source, request) => {
    const [categories, newest, vendors] = await Promise.all([source.categories(), source.list({ sort: 'newest', pageSize: 8 }), source.vendors()]);
    return layout(
      {
        title: 'Computers, parts and peripherals',
        description: 'Bitshop sells laptops, desktops, monitors, graphics cards, processors, storage, memory and peripherals from the brands you know.',
        canonical: `${app.baseUrl}/`,
      },
      await pageContext(request),
      homePage(categories, newest.items, vendors),
    );
  }));

  app.get('/products', { schema: { hide: true } }, page(async (source, request) => {
    const state = parseListingQuery(request);
    const [{ result, facets }, vendors, categories] = await Promise.all([source.listing(filtersOf(state)), source.vendors(), source.categories()]);
    const category = categories.find((item) => item.slug === state.category);
    const heading = category ? category.name : 'All products';
    const trail = category
      ? breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Catalog', href: '/products' }, { label: category.name }])
      : breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Catalog' }]);
    const body = html`!${trail}<h1>${heading}</h1>!${listingSection({ basePath: '/products', state, result, facets, vendors, categories })}`;
    return layout(
      {
        title: state.page > 1 ? `${heading}, page ${state.page}` : heading,
        description: `Browse ${result.total} computers, parts and peripherals at Bitshop: filter by vendor, category, price and stock.`,
        canonical: `${app.baseUrl}/products${listingQueryString(state)}`,
      },
      await pageContext(request, state.q),
      body,
    );
  }));

  app.get('/search', { schema: { hide: true } }, page(async (source, request) => {
    const state = parseListingQuery(request);
    const q = state.q?.trim() ?? '';
    if (q === '') {
      return layout({ title: 'Search', description: 'Search the Bitshop catalog by name, vendor or specification.', canonical: `${app.baseUrl}/search` }, await pageContext(request), searchHelpPage());
    }
    const [{ result, facets }, vendors, categories] = await Promise.all([source.listing(filtersOf(state)), source.vendors(), source.categories()]);
    const trail = breadcrumbs([{ label: 'Home', href: '/' }, { label: 'Search', href: '/search' }, { label: `“${q}”` }]);
    const body = html`!${trail}<h1>Search results for “${q}”</h1>!${listingSection({ basePath: '/search', state, result, facets, vendors, categories })}`;
    return layout(
      {
        title: `Search: ${q}`,
        description: `${result.total} products at Bitshop match “${q}”.`,
        canonical: `${app.baseUrl}/search${listingQueryString(state)}`,
      },
      await pageContext(request, state.q),
      body,
    );
  }));

  app.get('/categories/:slug', { schema: { hide: true } }, page(async (source, request) => {
    const category = await source.category(slugOf(request, 'category'));
    if (!category) throw new NotFoundError('category');
    const state = { ...parseListingQuery(request), category: undefined };
    const [{ result, facets }, vendors, categories] = await Promise.all([source.listing({ ...filtersOf(state), category: category.slug }), source.vendors(), source.categories()]);
    const basePath = `/categories/${category.slug}`;
    return layout(
      {
        title: state.page > 1 ? `${category.name}, page ${state.page}` : category.name,
        description: metaDescription(category.description, `${category.name} at Bitshop: ${category.productCount} products from the brands you know.`),
        canonical: `${app.baseUrl}${basePath}${listingQueryString(state)}`,
      },
      await pageContext(request),
      facetHeader('category', category, listingSection({ basePath, state, result, facets, vendors, categories, fixed: 'category' })),
    );
  }));

  app.get('/vendors', { schema: { hide: true } }, page(async (source, request) => {
    const vendors = await source.vendors();
    return layout(
      { title: 'Vendors', description: 'The computer brands Bitshop sells, with their laptops, desktops, monitors, parts and peripherals.', canonical: `${app.baseUrl}/vendors` },
      await pageContext(request),
      vendorsPage(vendors),
    );
  }));

  app.get('/vendors/:slug', { schema: { hide: true } }, page(async (source, request) => {
    const vendor = await source.vendor(slugOf(request, 'vendor'));
    if (!vendor) throw new NotFoundError('vendor');
    const state = { ...parseListingQuery(request), vendors: [] };
    const [{ result, facets }, categories] = await Promise.all([source.listing({ ...filtersOf(state), vendors: [vendor.slug] }), source.categories()]);
    const basePath = `/vendors/${vendor.slug}`;
    return layout(
      {
        title: state.page > 1 ? `${vendor.name}, page ${state.page}` : vendor.name,
        description: metaDescription(vendor.description, `${vendor.name} products at Bitshop.`),
        canonical: `${app.baseUrl}${basePath}${listingQueryString(state)}`,
      },
      await pageContext(request),
      facetHeader('vendor', vendor, listingSection({ basePath, state, result, facets, vendors: [], categories, fixed: 'vendor' })),
    );
  }));

  app.get('/products/:slug', { schema: { hide: true } }, page(async (source, request) => {
    const product = await source.product(slugOf(request, 'product'));
    if (!product) throw new NotFoundError('product');
    const related = await source.related(product);
    const url = `${app.baseUrl}/products/${product.slug}`;
    return layout(
      {
        title: product.name,
        description: metaDescription(product.description, `${product.name} by ${product.vendor.name} at Bitshop.`),
        canonical: url,
        jsonLd: productJsonLd(product, url),
      },
      await pageContext(request),
      productPage(product, related),
    );
  }));
}
