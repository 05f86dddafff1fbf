import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createCart } from '../../domain/cart/create.js';
import { addToCart, removeFromCart, setLineQuantity, type LineChange } from '../../domain/cart/items.js';
import { readCart } from '../../domain/cart/read.js';
import { applyVoucher, removeVoucher, VoucherRejectedError } from '../../domain/cart/voucher.js';
import { DomainError } from '../../domain/domain-errors.js';
import { setCartCookie, useCartFromCookie } from '../../plugins/cart-cookie.js';
import { oneLineText } from '../../schemas/text.js';
import { cartPage, type CartPageOptions } from '../../views/cart/cart-page.js';
import { cartNotices, isCartNoticeCode, type CartNoticeCode } from '../../views/cart/notices.js';
import { layout } from '../../views/layout.js';
import { pageContext } from '../page-context.js';

const productIdParams = z.object({ productId: z.coerce.number().int().positive().max(2_147_483_647) });
const addForm = z.object({
  productId: z.coerce.number().int().positive().max(2_147_483_647),
  // A product page may send just the product; one unit is what "Add to cart" means then.
  quantity: z.coerce.number().int().min(1).max(99).default(1),
});
const quantityForm = z.object({ quantity: z.coerce.number().int().min(0).max(99) });
const voucherForm = z.object({ code: oneLineText().max(32, { error: 'Enter a voucher code of at most 32 characters.' }) });

function formBody(request: FastifyRequest): unknown {
  return request.body ?? {};
}

function redirectWith(reply: FastifyReply, code: CartNoticeCode): FastifyReply {
  return reply.redirect(`/cart?notice=${code}`, 303);
}

/** The visitor's cart, created (and its cookie set) when they have none or it is gone or expired. */
async function ensureCart(request: FastifyRequest, reply: FastifyReply): Promise<string> {
  const current = await useCartFromCookie(request, reply);
  if (current !== null) return current;
  const id = await createCart(request.server.db);
  setCartCookie(reply, id);
  return id;
}

function changeNotice(change: LineChange, done: CartNoticeCode): CartNoticeCode {
  return change.capped ? 'capped' : done;
}

/** Stock and product refusals become a notice on the cart page; other errors propagate. */
function refusalNotice(error: unknown): CartNoticeCode {
  if (error instanceof DomainError && error.code === 'out_of_stock') return 'out_of_stock';
  if (error instanceof DomainError && error.statusCode === 404) return 'unavailable';
  throw error;
}

export async function cartPages(app: FastifyInstance): Promise<void> {
  async function renderCart(request: FastifyRequest, reply: FastifyReply, status: number, options: CartPageOptions): Promise<FastifyReply> {
    const cartId = await useCartFromCookie(request, reply);
    const cart = cartId === null ? null : await readCart(app.db, cartId, new Date());
    const page = layout(
      { title: 'Your cart', description: 'The products in your Bitshop cart, your voucher and your total.', noindex: true },
      await pageContext(request),
      cartPage(cart, options),
    );
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  }

  app.get('/cart', { schema: { hide: true } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const code = query.notice;
    return renderCart(request, reply, 200, isCartNoticeCode(code) ? { notice: cartNotices[code] } : {});
  });

  app.post('/cart/items', { schema: { hide: true } }, async (request, reply) => {
    const form = addForm.safeParse(formBody(request));
    if (!form.success) return redirectWith(reply, form.error.issues.some((issue) => issue.path[0] === 'productId') ? 'unavailable' : 'invalid_quantity');
    const cartId = await ensureCart(request, reply);
    try {
      const change = await addToCart(app.db, cartId, form.data.productId, form.data.quantity);
      return await redirectWith(reply, changeNotice(change, 'added'));
    } catch (error) {
      return redirectWith(reply, refusalNotice(error));
    }
  });

  app.post('/cart/items/:productId', { schema: { hide: true } }, async (request, reply) => {
    const params = productIdParams.safeParse(request.params);
    if (!params.success) return redirectWith(reply, 'unavailable');
    const form = quantityForm.safeParse(formBody(request));
    if (!form.success) return redirectWith(reply, 'invalid_quantity');
    const cartId = await ensureCart(request, reply);
    try {
      const change = await setLineQuantity(app.db, cartId, params.data.productId, form.data.quantity);
      return await redirectWith(reply, change.quantity === 0 ? 'removed' : changeNotice(change, 'updated'));
    } catch (error) {
      return redirectWith(reply, refusalNotice(error));
    }
  });

  app.post('/cart/items/:productId/remove', { schema: { hide: true } }, async (request, reply) => {
    const params = productIdParams.safeParse(request.params);
    const cartId = await useCartFromCookie(request, reply);
    if (params.success && cartId !== null) {
      await removeFromCart(app.db, cartId, params.data.productId);
    }
    return redirectWith(reply, 'removed');
  });

  app.post('/cart/voucher', { schema: { hide: true } }, async (request, reply) => {
    const cartId = await useCartFromCookie(request, reply);
    const cart = cartId === null ? null : await readCart(app.db, cartId, new Date());
    if (cart === null || cart.lines.length === 0) return redirectWith(reply, 'cart_empty');
    const form = voucherForm.safeParse(formBody(request));
    if (!form.success || form.data.code === '') {
      const issue = form.success ? undefined : form.error.issues[0];
      const error = issue === undefined ? 'Enter a voucher code.' : issue.code === 'too_big' ? issue.message : `The voucher code ${issue.message}.`;
      return renderCart(request, reply, 400, { voucherForm: { code: '', error } });
    }
    try {
      await applyVoucher(app.db, cart.id, form.data.code, new Date());
    } catch (error) {
      if (!(error instanceof VoucherRejectedError)) throw error;
      return renderCart(request, reply, 422, { voucherForm: { code: form.data.code, error: error.message } });
    }
    return redirectWith(reply, 'voucher_applied');
  });

  app.post('/cart/voucher/remove', { schema: { hide: true } }, async (request, reply) => {
    const cartId = await useCartFromCookie(request, reply);
    if (cartId !== null) await removeVoucher(app.db, cartId);
    return redirectWith(reply, 'voucher_removed');
  });
}
