import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createCart } from '../../domain/cart/create.js';
import { productIdBySku, removeFromCart, setLineQuantity, type LineChange } from '../../domain/cart/items.js';
import { useCart } from '../../domain/cart/lifetime.js';
import { readCart, type Cart } from '../../domain/cart/read.js';
import { applyVoucher, removeVoucher } from '../../domain/cart/voucher.js';
import { NotFoundError } from '../../domain/domain-errors.js';
import { cartIdParams, emptyBody, cartItemParams, cartQuantityBody, cartResponse, voucherCodeBody } from '../../schemas/cart.js';
import { commonErrors, errorResponse } from '../../schemas/error-response.js';
import { cartBody } from '../../schemas/present.js';

function cappedNotice(change: LineChange): string | undefined {
  return change.capped ? `only ${change.quantity} of ${change.productName} can be ordered; the quantity was lowered` : undefined;
}

// Malformed ids (not a uuid, not a SKU) are 400 like any other invalid field; well-formed ids
// that name nothing, or an expired cart, are 404. Every request on a cart counts as a use and
// extends its life.
export async function cartApiRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const ttlDays = app.config.CART_TTL_DAYS;

  async function requireLiveCart(id: string): Promise<void> {
    if (!(await useCart(app.db, id, ttlDays))) throw new NotFoundError('cart');
  }

  async function loadCart(id: string): Promise<Cart> {
    const cart = await readCart(app.db, id, new Date());
    if (cart === null) throw new NotFoundError('cart');
    return cart;
  }

  api.post(
    '/api/v1/carts',
    {
      schema: {
        tags: ['cart'],
        summary: 'Create an empty cart',
        // No fields yet; declared so an unexpected body is refused rather than ignored.
        body: emptyBody.nullish(),
        response: { 201: cartResponse, ...commonErrors },
      },
    },
    async (_request, reply) => {
      const id = await createCart(app.db);
      return reply.code(201).header('location', `/api/v1/carts/${id}`).send(cartBody(await loadCart(id)));
    },
  );

  api.get(
    '/api/v1/carts/:id',
    {
      schema: {
        tags: ['cart'],
        summary: 'Read a cart with its lines, warnings, voucher status and totals',
        description: 'A cart expires CART_TTL_DAYS (default 30) after its last use; every request on it is a use. An expired cart answers 404 like an unknown one.',
        params: cartIdParams,
        response: { 200: cartResponse, ...commonErrors, 404: errorResponse },
      },
    },
    async (request) => {
      await requireLiveCart(request.params.id);
      return cartBody(await loadCart(request.params.id));
    },
  );

  api.put(
    '/api/v1/carts/:id/items/:sku',
    {
      schema: {
        tags: ['cart'],
        summary: 'Set the quantity of a product in the cart (0 removes it)',
        description: 'The quantity is capped at the stock (the response says so in `notice`); a product without stock is refused with 409 out_of_stock.',
        params: cartItemParams,
        body: cartQuantityBody,
        response: { 200: cartResponse, ...commonErrors, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const { id, sku } = request.params;
      await requireLiveCart(id);
      const productId = await productIdBySku(app.db, sku);
      const change = await setLineQuantity(app.db, id, productId, request.body.quantity);
      return cartBody(await loadCart(id), cappedNotice(change));
    },
  );

  api.delete(
    '/api/v1/carts/:id/items/:sku',
    {
      schema: {
        tags: ['cart'],
        summary: 'Remove a product from the cart',
        params: cartItemParams,
        response: { 200: cartResponse, ...commonErrors, 404: errorResponse },
      },
    },
    async (request) => {
      const { id, sku } = request.params;
      await requireLiveCart(id);
      const productId = await productIdBySku(app.db, sku);
      await removeFromCart(app.db, id, productId);
      return cartBody(await loadCart(id));
    },
  );

  api.put(
    '/api/v1/carts/:id/voucher',
    {
      schema: {
        tags: ['cart', 'vouchers'],
        summary: 'Apply a voucher to the cart',
        description: 'Stored only when it gives a discount now; otherwise 422 with code voucher_<reason> (unknown, inactive, not_yet_valid, expired, exhausted, below_minimum).',
        params: cartIdParams,
        body: voucherCodeBody,
        response: { 200: cartResponse, ...commonErrors, 404: errorResponse, 422: errorResponse },
      },
    },
    async (request) => {
      await requireLiveCart(request.params.id);
      await applyVoucher(app.db, request.params.id, request.body.code, new Date());
      return cartBody(await loadCart(request.params.id));
    },
  );

  api.delete(
    '/api/v1/carts/:id/voucher',
    {
      schema: {
        tags: ['cart', 'vouchers'],
        summary: 'Remove the voucher from the cart',
        params: cartIdParams,
        response: { 200: cartResponse, ...commonErrors, 404: errorResponse },
      },
    },
    async (request) => {
      await requireLiveCart(request.params.id);
      await removeVoucher(app.db, request.params.id);
      return cartBody(await loadCart(request.params.id));
    },
  );
}
