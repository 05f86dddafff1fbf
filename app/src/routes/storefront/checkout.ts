import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readCart, type Cart } from '../../domain/cart/read.js';
import { DomainError, NotFoundError } from '../../domain/errors.js';
import { checkout } from '../../domain/orders/place-order.js';
import { isUuid, orderByIdempotencyKey, readOrder } from '../../domain/orders/read.js';
import { clearCartCookie, readCartId } from '../../plugins/cart-cookie.js';
import { customerFields } from '../../schemas/orders.js';
import { checkoutPage, type CheckoutFieldErrors, type CheckoutFormValues } from '../../views/checkout/checkout-page.js';
import { layout } from '../../views/layout.js';
import { orderPage } from '../../views/orders/order-page.js';
import { pageContext } from '../../views/page-context.js';

const checkoutForm = z.object(customerFields);
const fieldNames = ['email', 'name', 'shippingAddress'] as const;

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

export async function checkoutPages(app: FastifyInstance): Promise<void> {
  async function renderCheckout(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    cart: Cart,
    options: { values: CheckoutFormValues; errors: CheckoutFieldErrors; formError?: string; idempotencyKey: string },
  ): Promise<FastifyReply> {
    const page = layout(
      { title: 'Checkout', description: 'Enter your details and place your Bitshop order.', noindex: true },
      await pageContext(request),
      checkoutPage(cart, options),
    );
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  }

  async function currentCart(request: FastifyRequest): Promise<Cart | null> {
    const cartId = readCartId(request);
    const cart = cartId === null ? null : await readCart(app.db, cartId, new Date());
    return cart === null || cart.lines.length === 0 ? null : cart;
  }

  app.get('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const cart = await currentCart(request);
    if (cart === null) return reply.redirect('/cart?notice=cart_empty', 303);
    // A fresh key per rendered form: submitting this form twice creates one order.
    return renderCheckout(request, reply, 200, cart, { values: { email: '', name: '', shippingAddress: '' }, errors: {}, idempotencyKey: randomUUID() });
  });

  app.post('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const submittedKey = stringField(body, 'idempotencyKey');
    const formKey = isUuid(submittedKey) ? submittedKey.toLowerCase() : randomUUID();
    // Form keys live in their own namespace and must be random uuids, so a form post cannot
    // name (and be redirected to) an order that an API client created with a guessable key.
    const idempotencyKey = `web:${formKey}`;
    const cart = await currentCart(request);
    if (cart === null) {
      // The first of a double submission already placed the order and cleared the cookie.
      const placed = await orderByIdempotencyKey(app.db, idempotencyKey);
      if (placed !== null) return reply.redirect(`/orders/${placed.id}`, 303);
      return reply.redirect('/cart?notice=cart_empty', 303);
    }
    const values: CheckoutFormValues = { email: stringField(body, 'email'), name: stringField(body, 'name'), shippingAddress: stringField(body, 'shippingAddress') };
    const form = checkoutForm.safeParse(values);
    if (!form.success) {
      const errors: CheckoutFieldErrors = {};
      for (const issue of form.error.issues) {
        const name = fieldNames.find((field) => field === issue.path[0]);
        if (name !== undefined) errors[name] ??= issue.message;
      }
      return renderCheckout(request, reply, 400, cart, { values, errors, idempotencyKey: formKey });
    }
    try {
      const { order } = await checkout(app.db, app.metrics, { cartId: cart.id, ...form.data, idempotencyKey });
      clearCartCookie(reply);
      return await reply.redirect(`/orders/${order.id}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The cart vanished between reading it and checking out (another tab placed the order).
      if (error.statusCode === 404) return reply.redirect('/cart?notice=cart_empty', 303);
      const fresh = (await currentCart(request)) ?? cart;
      return renderCheckout(request, reply, error.statusCode, fresh, { values, errors: {}, formError: error.message, idempotencyKey: formKey });
    }
  });

  app.get('/orders/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const order = await readOrder(app.db, id);
    if (order === null) throw new NotFoundError('order');
    const page = layout(
      { title: `Order ${order.number}`, description: `Confirmation of Bitshop order ${order.number}.`, noindex: true },
      await pageContext(request),
      orderPage(order),
    );
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  });
}
