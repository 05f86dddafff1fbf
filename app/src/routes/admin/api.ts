import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit, type AuditRow } from '../../domain/admin/audit.js';
import { createCategory, getCategory, listCategories, updateCategory } from '../../domain/admin/categories.js';
import { logInAdmin } from '../../domain/admin/login.js';
import { getOrder, listOrders, type OrderSummary } from '../../domain/admin/orders.js';
import { createProduct, getProduct, listProducts, updateProduct, type AdminProduct } from '../../domain/admin/products.js';
import { listAdminSessions, type AdminSession } from '../../domain/admin/session.js';
import { endAdminSession, endOtherAdminSessions, logOutAdmin } from '../../domain/admin/session-revocation.js';
import { lowStockThreshold } from '../../domain/catalog/stock.js';
import { createVendor, getVendor, listVendors, updateVendor } from '../../domain/admin/vendors.js';
import { createVoucher, listVouchers, updateVoucher, type AdminVoucher } from '../../domain/admin/vouchers.js';
import { DomainError } from '../../domain/domain-errors.js';
import { adminSessionPolicy, auditContext, guardedSession, loginClient, registerAdminGuard, type AdminRouteOptions } from '../../plugins/admin-auth.js';
import { clearAdminSessionCookie, setAdminSessionCookie } from '../../plugins/admin-session-cookie.js';
import {
  adminCategory,
  adminProduct,
  adminVendor,
  adminVoucher,
  auditPage,
  categoryCreateBody,
  categoryPatchBody,
  loginBody,
  orderDetail,
  orderPage,
  pageQuery,
  productCreateBody,
  productListQuery,
  productPage,
  productPatchBody,
  sessionResponse,
  skuSchema,
  slugSchema,
  vendorCreateBody,
  vendorPatchBody,
  voucherCodeSchema,
  voucherCreateBody,
  voucherPatchBody,
} from '../../schemas/admin.js';
import { adminSessionList, endedSessions, sessionIdParams } from '../../schemas/admin-sessions.js';
import { commonErrors, errorResponse } from '../../schemas/error-response.js';
import { oneLine } from '../../schemas/text.js';

const tags = ['admin'];
const security = [{ adminSession: [] }];
const csrfHeader = z.object({ 'x-csrf-token': oneLine(z.string()).optional().describe('token from POST /api/v1/admin/session') });
const guarded = {
  ...commonErrors,
  401: errorResponse.describe('no valid admin session'),
  403: errorResponse.describe('missing or wrong CSRF token'),
} as const;

function productOut(product: AdminProduct): z.input<typeof adminProduct> {
  return { ...product, lowStock: product.stock <= lowStockThreshold, createdAt: product.createdAt.toISOString(), updatedAt: product.updatedAt.toISOString() };
}

function voucherOut(voucher: AdminVoucher): z.input<typeof adminVoucher> {
  return {
    ...voucher,
    startsAt: voucher.startsAt?.toISOString() ?? null,
    endsAt: voucher.endsAt?.toISOString() ?? null,
    createdAt: voucher.createdAt.toISOString(),
    updatedAt: voucher.updatedAt.toISOString(),
  };
}

function orderOut<T extends OrderSummary>(order: T): T & { createdAt: string } {
  return { ...order, createdAt: order.createdAt.toISOString() };
}

function sessionOut(session: AdminSession, currentId: string): z.input<typeof adminSessionList>['items'][number] {
  return {
    ...session,
    current: session.id === currentId,
    createdAt: session.createdAt.toISOString(),
    lastSeenAt: session.lastSeenAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
  };
}

function auditOut(entry: AuditRow): z.input<(typeof auditPage)['shape']['items']['element']> {
  return { ...entry, at: entry.at.toISOString() };
}

export async function adminApi(base: FastifyInstance, options: AdminRouteOptions): Promise<void> {
  await registerAdminGuard(base, 'api');
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { limitLogin } = options;

  app.post(
    '/session',
    {
      config: { adminPublic: true, skipCsrf: true },
      preHandler: limitLogin,
      schema: {
        tags,
        summary: 'Log in: sets the admin_session cookie and returns a CSRF token',
        body: loginBody,
        response: { 200: sessionResponse, ...commonErrors, 401: errorResponse.describe('wrong password') },
      },
    },
    async (request, reply) => {
      const input = { password: request.body.password, storedHash: app.config.ADMIN_PASSWORD_HASH, policy: adminSessionPolicy(app.config), client: loginClient(request) };
      const created = await logInAdmin(app.db, auditContext(request), input);
      if (created === null) {
        request.log.warn({ ip: request.ip }, 'admin login failed: wrong password');
        throw new DomainError(401, 'wrong_password', 'wrong password');
      }
      setAdminSessionCookie(reply, created.token, created.session.expiresAt);
      request.log.info('admin logged in');
      return { csrfToken: reply.generateCsrf(), expiresAt: created.session.expiresAt.toISOString() };
    },
  );

  app.delete(
    '/session',
    { schema: { tags, security, summary: 'Log out: ends this session on every replica', headers: csrfHeader, response: { 204: z.null().describe('logged out'), ...guarded } } },
    async (request, reply) => {
      await logOutAdmin(app.db, auditContext(request), guardedSession(request).id);
      clearAdminSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  // Sessions
  app.get(
    '/sessions',
    { schema: { tags, security, summary: 'Live admin sessions, most recently used first', response: { 200: adminSessionList, ...guarded } } },
    async (request) => {
      const current = guardedSession(request);
      const sessions = await listAdminSessions(app.db, adminSessionPolicy(app.config));
      return { items: sessions.map((session) => sessionOut(session, current.id)) };
    },
  );
  app.delete(
    '/sessions/others',
    { schema: { tags, security, summary: 'End every admin session but this one', headers: csrfHeader, response: { 200: endedSessions, ...guarded } } },
    async (request) => ({ ended: await endOtherAdminSessions(app.db, auditContext(request), guardedSession(request).id) }),
  );
  app.delete(
    '/sessions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'End one admin session (ending this one logs out)',
        headers: csrfHeader,
        params: sessionIdParams,
        response: { 204: z.null().describe('ended'), ...guarded, 404: errorResponse.describe('no such session') },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await endAdminSession(app.db, auditContext(request), id);
      if (id === guardedSession(request).id) clearAdminSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  // Products
  app.get(
    '/products',
    { schema: { tags, security, summary: 'List products, newest first, optionally matching a name or SKU', querystring: productListQuery, response: { 200: productPage, ...guarded } } },
    async (request) => {
      const { page, pageSize, q } = request.query;
      const result = await listProducts(app.db, { page, pageSize, ...(q === undefined ? {} : { search: q }) });
      return { items: result.items.map(productOut), total: result.total, page, pageSize };
    },
  );
  app.post(
    '/products',
    {
      config: { changesCatalog: true },
      schema: {
        tags,
        security,
        summary: 'Create a product',
        headers: csrfHeader,
        body: productCreateBody,
        response: { 201: adminProduct, ...guarded, 409: errorResponse.describe('SKU or slug already used') },
      },
    },
    async (request, reply) => reply.code(201).send(productOut(await createProduct(app.db, auditContext(request), request.body))),
  );
  const skuParams = z.object({ sku: skuSchema });
  app.get(
    '/products/:sku',
    { schema: { tags, security, summary: 'One product by SKU', params: skuParams, response: { 200: adminProduct, ...guarded, 404: errorResponse } } },
    async (request) => productOut(await getProduct(app.db, { sku: request.params.sku })),
  );
  app.patch(
    '/products/:sku',
    {
      config: { changesCatalog: true },
      schema: {
        tags,
        security,
        summary: 'Change some fields of a product (price, stock, active...)',
        headers: csrfHeader,
        params: skuParams,
        body: productPatchBody,
        response: { 200: adminProduct, ...guarded, 404: errorResponse, 409: errorResponse.describe('SKU or slug already used') },
      },
    },
    async (request) => productOut(await updateProduct(app.db, auditContext(request), { sku: request.params.sku }, request.body)),
  );

  // Vendors
  const slugParams = z.object({ slug: slugSchema });
  app.get('/vendors', { schema: { tags, security, summary: 'List vendors', response: { 200: z.array(adminVendor), ...guarded } } }, async () => listVendors(app.db));
  app.post(
    '/vendors',
    { config: { changesCatalog: true }, schema: { tags, security, summary: 'Create a vendor', headers: csrfHeader, body: vendorCreateBody, response: { 201: adminVendor, ...guarded, 409: errorResponse.describe('slug already used') } } },
    async (request, reply) => reply.code(201).send(await createVendor(app.db, auditContext(request), request.body)),
  );
  app.patch(
    '/vendors/:slug',
    {
      config: { changesCatalog: true },
      schema: {
        tags,
        security,
        summary: 'Change some fields of a vendor',
        headers: csrfHeader,
        params: slugParams,
        body: vendorPatchBody,
        response: { 200: adminVendor, ...guarded, 404: errorResponse, 409: errorResponse.describe('slug already used') },
      },
    },
    async (request) => {
      await getVendor(app.db, { slug: request.params.slug });
      return updateVendor(app.db, auditContext(request), { slug: request.params.slug }, request.body);
    },
  );

  // Categories
  app.get('/categories', { schema: { tags, security, summary: 'List categories', response: { 200: z.array(adminCategory), ...guarded } } }, async () => listCategories(app.db));
  app.post(
    '/categories',
    {
      config: { changesCatalog: true },
      schema: { tags, security, summary: 'Create a category', headers: csrfHeader, body: categoryCreateBody, response: { 201: adminCategory, ...guarded, 409: errorResponse.describe('slug already used') } },
    },
    async (request, reply) => reply.code(201).send(await createCategory(app.db, auditContext(request), request.body)),
  );
  app.patch(
    '/categories/:slug',
    {
      config: { changesCatalog: true },
      schema: {
        tags,
        security,
        summary: 'Change some fields of a category',
        headers: csrfHeader,
        params: slugParams,
        body: categoryPatchBody,
        response: { 200: adminCategory, ...guarded, 404: errorResponse, 409: errorResponse.describe('slug already used') },
      },
    },
    async (request) => {
      await getCategory(app.db, { slug: request.params.slug });
      return updateCategory(app.db, auditContext(request), { slug: request.params.slug }, request.body);
    },
  );

  // Vouchers
  app.get('/vouchers', { schema: { tags, security, summary: 'List vouchers with their redemption counts', response: { 200: z.array(adminVoucher), ...guarded } } }, async () =>
    (await listVouchers(app.db)).map(voucherOut),
  );
  app.post(
    '/vouchers',
    { schema: { tags, security, summary: 'Create a voucher', headers: csrfHeader, body: voucherCreateBody, response: { 201: adminVoucher, ...guarded, 409: errorResponse.describe('code already used') } } },
    async (request, reply) => reply.code(201).send(voucherOut(await createVoucher(app.db, auditContext(request), request.body))),
  );
  app.patch(
    '/vouchers/:code',
    {
      schema: {
        tags,
        security,
        summary: 'Change some fields of a voucher',
        headers: csrfHeader,
        params: z.object({ code: voucherCodeSchema }),
        body: voucherPatchBody,
        response: { 200: adminVoucher, ...guarded, 404: errorResponse, 409: errorResponse.describe('code already used') },
      },
    },
    async (request) => voucherOut(await updateVoucher(app.db, auditContext(request), { code: request.params.code }, request.body)),
  );

  // Orders and audit
  app.get('/orders', { schema: { tags, security, summary: 'List orders, newest first', querystring: pageQuery, response: { 200: orderPage, ...guarded } } }, async (request) => {
    const { page, pageSize } = request.query;
    const result = await listOrders(app.db, page, pageSize);
    return { items: result.items.map(orderOut), total: result.total, page, pageSize };
  });
  app.get(
    '/orders/:id',
    { schema: { tags, security, summary: 'One order with its items', params: z.object({ id: z.uuid() }), response: { 200: orderDetail, ...guarded, 404: errorResponse } } },
    async (request) => orderOut(await getOrder(app.db, request.params.id)),
  );
  app.get('/audit', { schema: { tags, security, summary: 'The audit log, newest first', querystring: pageQuery, response: { 200: auditPage, ...guarded } } }, async (request) => {
    const { page, pageSize } = request.query;
    const result = await listAudit(app.db, page, pageSize);
    return { items: result.items.map(auditOut), total: result.total, page, pageSize };
  });
}
