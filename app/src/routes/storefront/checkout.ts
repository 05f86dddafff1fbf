import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readCart, type Cart } from '../../domain/cart/read.js';
import { DomainError, NotFoundError } from '../../domain/domain-errors.js';
import { orderAccessGranted } from '../../domain/orders/access-token.js';
import { checkout, replayCheckout, type PlaceOrderResult } from '../../domain/orders/place-order.js';
import { isUuid, readOrder, type Order } from '../../domain/orders/read.js';
import { clearCartCookie, readCartId, useCartFromCookie } from '../../plugins/cart-cookie.js';
import { passFor, rememberOrder } from '../../plugins/orders-cookie.js';
import { activeShippingMethods } from '../../domain/shipping/methods.js';
import type { CheckoutRequest } from '../../domain/orders/fingerprint.js';
import { shopCountry } from '../../domain/orders/shop-country.js';
import { addressFields, customerFields, shippingMethodCodeSchema } from '../../schemas/orders.js';
import { checkoutFieldNames, checkoutPage, expectedTotalField, type CheckoutFieldErrors, type CheckoutFormValues } from '../../views/checkout/checkout-page.js';
import { layout } from '../../views/layout.js';
import { confirmationPage } from '../../views/orders/confirmation-page.js';
import { orderPage } from '../../views/orders/order-page.js';
import { pageContext } from '../page-context.js';

// The form is flat (one input per field); the API nests the address. Both reach the domain
// as the same CheckoutRequest.
const checkoutForm = z
  .object({
    ...customerFields,
    addressLine1: addressFields.line1,
    addressLine2: addressFields.line2,
    postalCode: addressFields.postalCode,
    city: addressFields.city,
    country: addressFields.country,
    shippingMethod: shippingMethodCodeSchema,
  })
  .transform((form): Omit<CheckoutRequest, 'cartId'> => ({
    email: form.email,
    name: form.name,
    address: { line1: form.addressLine1, line2: form.addressLine2, postalCode: form.postalCode, city: form.city, country: form.country },
    shippingMethod: form.shippingMethod,
  }));

/** Domain field paths shown beside the form's own fields. */
const fieldOfPath: Record<string, keyof CheckoutFormValues> = { shippingMethod: 'shippingMethod', 'address.country': 'country' };

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
    const shippingMethods = await activeShippingMethods(app.db);
    const page = layout(
      { title: 'Checkout', description: 'Enter your details and place your Bitshop order.', noindex: true },
      await pageContext(request),
      checkoutPage(cart, { ...options, shippingMethods }),
    );
    return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  }

  const cartTtlDays = app.config.CART_TTL_DAYS;

  /** The visitor's live cart with lines (a use of it: its cookie slides), or null. */
  async function currentCart(request: FastifyRequest, reply: FastifyReply): Promise<Cart | null> {
    const cartId = await useCartFromCookie(request, reply);
    const cart = cartId === null ? null : await readCart(app.db, cartId, new Date());
    return cart === null || cart.lines.length === 0 ? null : cart;
  }

  /**
   * A form resubmitted after its order was placed (back button, double click): the cart is
   * gone, but the cookie still names it, so the same key, cart and details prove the same
   * request, exactly as an API replay does. A key alone proves nothing.
   */
  async function resubmission(request: FastifyRequest, values: CheckoutFormValues, idempotencyKey: string): Promise<PlaceOrderResult | null> {
    const cartId = readCartId(request);
    const form = checkoutForm.safeParse(values);
    if (cartId === null || !form.success) return null;
    try {
      return await replayCheckout(app.db, { cartId, ...form.data, idempotencyKey, cartTtlDays });
    } catch (error) {
      // The key placed an order for other details: this request is not its retry.
      if (error instanceof DomainError && error.code === 'idempotency_key_reused') return null;
      throw error;
    }
  }

  /** The browser that placed the order keeps its token in the orders cookie, then sees the clean URL. */
  function toOrderPage(request: FastifyRequest, reply: FastifyReply, placed: PlaceOrderResult): FastifyReply {
    rememberOrder(request, reply, { orderId: placed.order.id, token: placed.accessToken });
    clearCartCookie(reply);
    return reply.redirect(`/orders/${placed.order.id}/confirmation`, 303);
  }

  const emptyForm: CheckoutFormValues = { email: '', name: '', addressLine1: '', addressLine2: '', postalCode: '', city: '', country: shopCountry.code, shippingMethod: '' };

  app.get('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const cart = await currentCart(request, reply);
    if (cart === null) return reply.redirect('/cart?notice=cart_empty', 303);
    // A fresh key per rendered form: submitting this form twice creates one order.
    return renderCheckout(request, reply, 200, cart, { values: emptyForm, errors: {}, idempotencyKey: randomUUID() });
  });

  app.post('/checkout', { schema: { hide: true } }, async (request, reply) => {
    const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const submittedKey = stringField(body, 'idempotencyKey');
    const formKey = isUuid(submittedKey) ? submittedKey.toLowerCase() : randomUUID();
    // Form keys live in their own namespace and must be random uuids, so a form post cannot
    // name (and be redirected to) an order that an API client created with a guessable key.
    const idempotencyKey = `web:${formKey}`;
    const values = Object.fromEntries(checkoutFieldNames.map((name) => [name, stringField(body, name)])) as CheckoutFormValues;
    const cart = await currentCart(request, reply);
    if (cart === null) {
      // The first of a double submission may have placed the order already.
      const placed = await resubmission(request, values, idempotencyKey);
      if (placed !== null) return toOrderPage(request, reply, placed);
      return reply.redirect('/cart?notice=cart_empty', 303);
    }
    const form = checkoutForm.safeParse(values);
    if (!form.success) {
      const errors: CheckoutFieldErrors = {};
      for (const issue of form.error.issues) {
        const name = checkoutFieldNames.find((field) => field === issue.path[0]);
        if (name !== undefined) errors[name] ??= issue.message;
      }
      return renderCheckout(request, reply, 400, cart, { values, errors, idempotencyKey: formKey });
    }
    try {
      // The total this form showed: if the transaction's prices give another, the page comes
      // back with the new figures (409) and the shopper confirms them by submitting again.
      const shownTotal = stringField(body, expectedTotalField(form.data.shippingMethod));
      const expectedTotalCents = /^\d{1,12}$/.test(shownTotal) ? Number(shownTotal) : null;
      const placed = await checkout(app.db, app.metrics, { cartId: cart.id, ...form.data, idempotencyKey, cartTtlDays, expectedTotalCents });
      return await toOrderPage(request, reply, placed);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // The cart vanished between reading it and checking out (another tab placed the order).
      if (error.statusCode === 404) return reply.redirect('/cart?notice=cart_empty', 303);
      const fresh = (await currentCart(request, reply)) ?? cart;
      const errors: CheckoutFieldErrors = {};
      for (const problem of error.fields ?? []) {
        const name = fieldOfPath[problem.path];
        if (name !== undefined) errors[name] ??= problem.message;
      }
      return renderCheckout(request, reply, error.statusCode, fresh, { values, errors, formError: error.message, idempotencyKey: formKey });
    }
  });

  /** The order this browser placed (orders cookie); anyone else gets the 404 of a missing order. */
  async function ownOrder(request: FastifyRequest, id: string): Promise<{ order: Order; token: string }> {
    const pass = passFor(request, id);
    if (pass === undefined || !(await orderAccessGranted(app.db, pass.orderId, pass.token))) throw new NotFoundError('order');
    const order = await readOrder(app.db, pass.orderId);
    if (order === null) throw new NotFoundError('order');
    return { order, token: pass.token };
  }

  // Right after checkout: what was bought, what happens next, and the way to the order page.
  app.get('/orders/:id/confirmation', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { order } = await ownOrder(request, id);
    const page = layout(
      { title: `Order ${order.number} confirmed`, description: `Bitshop order ${order.number} is confirmed.`, noindex: true },
      await pageContext(request),
      confirmationPage(order),
    );
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  });

  // Readable by the browser that placed the order (orders cookie) or through the private link
  // on the order page; anyone else gets the same 404 as for an order that does not exist.
  app.get('/orders/:id', { schema: { hide: true } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { token } = request.query as { token?: unknown };
    if (typeof token === 'string') {
      if (!(await orderAccessGranted(app.db, id, token))) throw new NotFoundError('order');
      // Remembered in the cookie, then off the address bar and the history at once.
      rememberOrder(request, reply, { orderId: id, token });
      return reply.header('cache-control', 'no-store').redirect(`/orders/${id.toLowerCase()}`, 303);
    }
    const own = await ownOrder(request, id);
    const order = own.order;
    const privateLink = `${app.baseUrl}/orders/${order.id}?token=${own.token}`;
    const page = layout(
      { title: `Order ${order.number}`, description: `Bitshop order ${order.number}.`, noindex: true },
      await pageContext(request),
      orderPage(order, privateLink),
    );
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  });
}
