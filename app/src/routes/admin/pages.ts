import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../../domain/admin/audit.js';
import { createCategory, getCategory, listCategories, updateCategory } from '../../domain/admin/categories.js';
import { logInAdmin } from '../../domain/admin/login.js';
import { dashboardCounts, getOrder, listOrders } from '../../domain/admin/orders.js';
import { changeStock, createProduct, getProduct, listLowStock, listProducts, updateProduct } from '../../domain/admin/products.js';
import { listProductImages } from '../../domain/admin/product-images.js';
import { listAdminSessions, safeAdminPath, sessionIdPattern } from '../../domain/admin/session.js';
import { endAdminSession, endOtherAdminSessions, logOutAdmin } from '../../domain/admin/session-revocation.js';
import { createVendor, getVendor, listVendors, updateVendor } from '../../domain/admin/vendors.js';
import { createVoucher, getVoucher, listVouchers, updateVoucher } from '../../domain/admin/vouchers.js';
import { DomainError, NotFoundError } from '../../domain/domain-errors.js';
import { voucherState } from '../../domain/vouchers/state.js';
import { adminSessionPolicy, auditContext, currentAdminSession, guardedSession, loginClient, registerAdminGuard, type AdminRouteOptions } from '../../plugins/admin-auth.js';
import { clearAdminSessionCookie, setAdminSessionCookie } from '../../plugins/admin-session-cookie.js';
import { categoryFormPage, categoryListPage, vendorFormPage, vendorListPage } from '../../views/admin/catalog.js';
import { dashboardPage } from '../../views/admin/dashboard.js';
import type { AdminFrame, FormState } from '../../views/admin/layout.js';
import { emptyForm } from '../../views/admin/layout.js';
import { loginPage } from '../../views/admin/login.js';
import { auditPage, orderDetailPage, orderListPage } from '../../views/admin/orders.js';
import { productFormPage, productListPage } from '../../views/admin/products.js';
import { sessionListPage } from '../../views/admin/sessions.js';
import { voucherFormPage, voucherListPage } from '../../views/admin/vouchers.js';
import { oneLineText } from '../../schemas/text.js';
import { invalidQuery } from '../invalid-query.js';
import { productImagePages } from './product-images.js';
import {
  categoryToForm,
  formValues,
  parseCategoryForm,
  parseProductForm,
  parseStockForm,
  parseVendorForm,
  parseVoucherForm,
  productFieldOfPath,
  productToForm,
  stateWithProblems,
  vendorToForm,
  voucherFieldOfPath,
  voucherToForm,
} from './forms.js';

const notices: Record<string, string> = {
  product: 'Product saved.',
  stock: 'Stock updated.',
  vendor: 'Vendor saved.',
  category: 'Category saved.',
  voucher: 'Voucher saved.',
  session: 'Session ended.',
  sessions: 'Every other session ended.',
  image: 'Image added.',
  'image-deleted': 'Image deleted.',
  'image-moved': 'Image moved.',
};

const idParam = z.object({ id: z.string().regex(/^\d{1,9}$/).transform(Number) });
// Page numbers and notices fall back quietly (they only steer the view); the search text is
// sent to the database, so a value it cannot hold is a 400 naming q.
const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  q: oneLineText().max(200, { error: 'at most 200 characters' }).default(''),
  saved: z.string().optional().catch(undefined),
});
const pageSize = 25;

function idOf(request: FastifyRequest, what: string): number {
  const parsed = idParam.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError(what);
  return parsed.data.id;
}

function queryOf(request: FastifyRequest): z.output<typeof listQuery> {
  const parsed = listQuery.safeParse(typeof request.query === 'object' && request.query !== null ? request.query : {});
  if (!parsed.success) throw invalidQuery(parsed.error);
  return parsed.data;
}

function frameFor(request: FastifyRequest, reply: FastifyReply): AdminFrame {
  const saved = queryOf(request).saved;
  const notice = saved === undefined ? undefined : notices[saved];
  return { csrfToken: reply.generateCsrf(), ...(notice === undefined ? {} : { notice }) };
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(page);
}

/** A domain rejection that names fields is shown on the form; anything else propagates. */
function formProblem(error: unknown, values: Record<string, string>, fieldOfPath?: Record<string, string>): { state: FormState; status: number } {
  if (error instanceof DomainError && error.fields !== undefined && error.fields.length > 0) {
    return { state: stateWithProblems(values, error.fields, fieldOfPath), status: error.statusCode };
  }
  throw error;
}


export async function adminPages(app: FastifyInstance, options: AdminRouteOptions): Promise<void> {
  await registerAdminGuard(app, 'html');
  const { limitLogin } = options;

  app.get('/admin/login', { schema: { hide: true }, config: { adminPublic: true } }, async (request, reply) => {
    const query = z.object({ next: z.string().optional().catch(undefined), logged_out: z.string().optional().catch(undefined) }).parse(request.query ?? {});
    const next = safeAdminPath(query.next);
    if ((await currentAdminSession(request)) !== null) return reply.redirect(next, 303);
    return sendPage(reply, loginPage({ csrfToken: reply.generateCsrf(), next, loggedOut: query.logged_out !== undefined }));
  });

  app.post('/admin/login', { schema: { hide: true }, config: { adminPublic: true }, preHandler: limitLogin }, async (request, reply) => {
    const body = formValues(request.body, ['password', 'next']);
    const next = safeAdminPath(body.next);
    const input = { password: body.password ?? '', storedHash: app.config.ADMIN_PASSWORD_HASH, policy: adminSessionPolicy(app.config), client: loginClient(request) };
    const created = await logInAdmin(app.db, auditContext(request), input);
    if (created !== null) {
      setAdminSessionCookie(reply, created.token, created.session.expiresAt);
      request.log.info('admin logged in');
      return reply.redirect(next, 303);
    }
    request.log.warn({ ip: request.ip }, 'admin login failed: wrong password');
    const page = loginPage({ csrfToken: reply.generateCsrf(), next, error: 'Wrong password.' });
    return sendPage(reply, page, 401);
  });

  app.post('/admin/logout', { schema: { hide: true } }, async (request, reply) => {
    await logOutAdmin(app.db, auditContext(request), guardedSession(request).id);
    clearAdminSessionCookie(reply);
    return reply.redirect('/admin/login?logged_out=1', 303);
  });

  // Sessions
  app.get('/admin/sessions', { schema: { hide: true } }, async (request, reply) => {
    const sessions = await listAdminSessions(app.db, adminSessionPolicy(app.config));
    return sendPage(reply, sessionListPage(frameFor(request, reply), { sessions, currentId: guardedSession(request).id }));
  });
  app.post('/admin/sessions/others/end', { schema: { hide: true } }, async (request, reply) => {
    await endOtherAdminSessions(app.db, auditContext(request), guardedSession(request).id);
    return reply.redirect('/admin/sessions?saved=sessions', 303);
  });
  app.post('/admin/sessions/:id/end', { schema: { hide: true } }, async (request, reply) => {
    const { id } = z.object({ id: z.string() }).parse(request.params);
    if (!sessionIdPattern.test(id)) throw new NotFoundError('session');
    await endAdminSession(app.db, auditContext(request), id);
    if (id !== guardedSession(request).id) return reply.redirect('/admin/sessions?saved=session', 303);
    clearAdminSessionCookie(reply);
    return reply.redirect('/admin/login?logged_out=1', 303);
  });

  app.get('/admin', { schema: { hide: true } }, async (request, reply) => {
    const now = new Date();
    const [counts, recent, lowStock, vouchers] = [await dashboardCounts(app.db), await listOrders(app.db, 1, 10), await listLowStock(app.db, 20), await listVouchers(app.db)];
    const activeVouchers = vouchers.filter((voucher) => voucherState(voucher, now) === 'active').length;
    return sendPage(reply, dashboardPage(frameFor(request, reply), { counts, activeVouchers, recentOrders: recent.items, lowStock }));
  });

  // Products
  app.get('/admin/products', { schema: { hide: true } }, async (request, reply) => {
    const { page, q } = queryOf(request);
    const result = await listProducts(app.db, { search: q, page, pageSize });
    return sendPage(reply, productListPage(frameFor(request, reply), { ...result, page, pageSize, q }));
  });

  const productForm = async (request: FastifyRequest, reply: FastifyReply, state: FormState, productId?: number, status = 200, imageError?: string) => {
    const [vendors, categories] = [await listVendors(app.db), await listCategories(app.db)];
    const images = productId === undefined ? [] : await listProductImages(app.db, productId);
    const page = productFormPage(frameFor(request, reply), { state, vendors, categories, images, imageError, ...(productId === undefined ? {} : { productId }) });
    return sendPage(reply, page, status);
  };
  await productImagePages(app, {
    renderEdit: async (request, reply, productId, imageError) => productForm(request, reply, productToForm(await getProduct(app.db, { id: productId })), productId, 400, imageError),
  });

  app.get('/admin/products/new', { schema: { hide: true } }, async (request, reply) => {
    return productForm(request, reply, { values: { active: 'on', stock: '0' }, errors: {} });
  });

  app.post('/admin/products/new', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const parsed = parseProductForm(request.body);
    if (!parsed.ok) return productForm(request, reply, parsed.state, undefined, 400);
    try {
      await createProduct(app.db, auditContext(request), parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values, productFieldOfPath);
      return productForm(request, reply, problem.state, undefined, problem.status);
    }
    return reply.redirect('/admin/products?saved=product', 303);
  });

  app.get('/admin/products/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request, 'product');
    return productForm(request, reply, productToForm(await getProduct(app.db, { id })), id);
  });

  app.post('/admin/products/:id/edit', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const id = idOf(request, 'product');
    await getProduct(app.db, { id });
    const parsed = parseProductForm(request.body);
    if (!parsed.ok) return productForm(request, reply, parsed.state, id, 400);
    try {
      await updateProduct(app.db, auditContext(request), { id }, parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values, productFieldOfPath);
      return productForm(request, reply, problem.state, id, problem.status);
    }
    return reply.redirect('/admin/products?saved=product', 303);
  });

  app.post('/admin/products/:id/stock', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const id = idOf(request, 'product');
    const parsed = parseStockForm(request.body);
    let error = parsed.ok ? undefined : parsed.error;
    if (parsed.ok) {
      try {
        await changeStock(app.db, auditContext(request), { id }, parsed.value);
      } catch (caught) {
        if (!(caught instanceof DomainError) || caught.statusCode !== 400) throw caught;
        error = caught.fields?.[0]?.message ?? caught.message;
      }
    }
    if (error === undefined) return reply.redirect('/admin/products?saved=stock', 303);
    const product = await getProduct(app.db, { id });
    const result = await listProducts(app.db, { search: product.sku, page: 1, pageSize });
    const page = productListPage(frameFor(request, reply), { ...result, page: 1, pageSize, q: product.sku, stockErrors: { [id]: error } });
    return sendPage(reply, page, 400);
  });

  // Vendors
  app.get('/admin/vendors', { schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, vendorListPage(frameFor(request, reply), await listVendors(app.db)));
  });
  const vendorForm = async (request: FastifyRequest, reply: FastifyReply, state: FormState, vendorId?: number, status = 200) =>
    sendPage(reply, vendorFormPage(frameFor(request, reply), { state, ...(vendorId === undefined ? {} : { vendorId }) }), status);

  app.get('/admin/vendors/new', { schema: { hide: true } }, async (request, reply) => vendorForm(request, reply, emptyForm));
  app.post('/admin/vendors/new', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const parsed = parseVendorForm(request.body);
    if (!parsed.ok) return vendorForm(request, reply, parsed.state, undefined, 400);
    try {
      await createVendor(app.db, auditContext(request), parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values);
      return vendorForm(request, reply, problem.state, undefined, problem.status);
    }
    return reply.redirect('/admin/vendors?saved=vendor', 303);
  });
  app.get('/admin/vendors/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request, 'vendor');
    return vendorForm(request, reply, vendorToForm(await getVendor(app.db, { id })), id);
  });
  app.post('/admin/vendors/:id/edit', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const id = idOf(request, 'vendor');
    await getVendor(app.db, { id });
    const parsed = parseVendorForm(request.body);
    if (!parsed.ok) return vendorForm(request, reply, parsed.state, id, 400);
    try {
      await updateVendor(app.db, auditContext(request), { id }, parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values);
      return vendorForm(request, reply, problem.state, id, problem.status);
    }
    return reply.redirect('/admin/vendors?saved=vendor', 303);
  });

  // Categories
  app.get('/admin/categories', { schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, categoryListPage(frameFor(request, reply), await listCategories(app.db)));
  });
  const categoryForm = async (request: FastifyRequest, reply: FastifyReply, state: FormState, categoryId?: number, status = 200) =>
    sendPage(reply, categoryFormPage(frameFor(request, reply), { state, ...(categoryId === undefined ? {} : { categoryId }) }), status);

  app.get('/admin/categories/new', { schema: { hide: true } }, async (request, reply) => categoryForm(request, reply, { values: { position: '0' }, errors: {} }));
  app.post('/admin/categories/new', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const parsed = parseCategoryForm(request.body);
    if (!parsed.ok) return categoryForm(request, reply, parsed.state, undefined, 400);
    try {
      await createCategory(app.db, auditContext(request), parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values);
      return categoryForm(request, reply, problem.state, undefined, problem.status);
    }
    return reply.redirect('/admin/categories?saved=category', 303);
  });
  app.get('/admin/categories/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request, 'category');
    return categoryForm(request, reply, categoryToForm(await getCategory(app.db, { id })), id);
  });
  app.post('/admin/categories/:id/edit', { schema: { hide: true }, config: { changesCatalog: true } }, async (request, reply) => {
    const id = idOf(request, 'category');
    await getCategory(app.db, { id });
    const parsed = parseCategoryForm(request.body);
    if (!parsed.ok) return categoryForm(request, reply, parsed.state, id, 400);
    try {
      await updateCategory(app.db, auditContext(request), { id }, parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values);
      return categoryForm(request, reply, problem.state, id, problem.status);
    }
    return reply.redirect('/admin/categories?saved=category', 303);
  });

  // Vouchers
  app.get('/admin/vouchers', { schema: { hide: true } }, async (request, reply) => {
    return sendPage(reply, voucherListPage(frameFor(request, reply), await listVouchers(app.db), new Date()));
  });
  const voucherForm = async (request: FastifyRequest, reply: FastifyReply, state: FormState, voucherId?: number, status = 200) => {
    const voucher = voucherId === undefined ? undefined : await getVoucher(app.db, { id: voucherId });
    return sendPage(reply, voucherFormPage(frameFor(request, reply), { state, now: new Date(), ...(voucher === undefined ? {} : { voucher }) }), status);
  };

  app.get('/admin/vouchers/new', { schema: { hide: true } }, async (request, reply) => voucherForm(request, reply, { values: { kind: 'percent', active: 'on' }, errors: {} }));
  app.post('/admin/vouchers/new', { schema: { hide: true } }, async (request, reply) => {
    const parsed = parseVoucherForm(request.body);
    if (!parsed.ok) return voucherForm(request, reply, parsed.state, undefined, 400);
    try {
      await createVoucher(app.db, auditContext(request), parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values, voucherFieldOfPath);
      return voucherForm(request, reply, problem.state, undefined, problem.status);
    }
    return reply.redirect('/admin/vouchers?saved=voucher', 303);
  });
  app.get('/admin/vouchers/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request, 'voucher');
    return voucherForm(request, reply, voucherToForm(await getVoucher(app.db, { id })), id);
  });
  app.post('/admin/vouchers/:id/edit', { schema: { hide: true } }, async (request, reply) => {
    const id = idOf(request, 'voucher');
    await getVoucher(app.db, { id });
    const parsed = parseVoucherForm(request.body);
    if (!parsed.ok) return voucherForm(request, reply, parsed.state, id, 400);
    try {
      await updateVoucher(app.db, auditContext(request), { id }, parsed.value);
    } catch (error) {
      const problem = formProblem(error, parsed.values, voucherFieldOfPath);
      return voucherForm(request, reply, problem.state, id, problem.status);
    }
    return reply.redirect('/admin/vouchers?saved=voucher', 303);
  });

  // Orders and audit
  app.get('/admin/orders', { schema: { hide: true } }, async (request, reply) => {
    const { page } = queryOf(request);
    const result = await listOrders(app.db, page, pageSize);
    return sendPage(reply, orderListPage(frameFor(request, reply), { ...result, page, pageSize }));
  });
  app.get('/admin/orders/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = z.object({ id: z.string() }).parse(request.params);
    return sendPage(reply, orderDetailPage(frameFor(request, reply), await getOrder(app.db, id)));
  });
  app.get('/admin/audit', { schema: { hide: true } }, async (request, reply) => {
    const { page } = queryOf(request);
    const result = await listAudit(app.db, page, 50);
    return sendPage(reply, auditPage(frameFor(request, reply), { ...result, page, pageSize: 50 }));
  });
}
