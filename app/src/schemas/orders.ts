import { z } from 'zod';
import { multiLineText, oneLineText } from './text.js';

export const orderIdParams = z.object({ id: z.uuid({ error: 'expected an order id (uuid)' }) });

/** Visible ASCII (0x21-0x7E), 1 to 255 characters, as the orders table stores it. */
export const idempotencyKeyPattern = /^[\x21-\x7E]{1,255}$/;

export const checkoutHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(idempotencyKeyPattern, { error: 'expected 1-255 visible ASCII characters' })
    .optional()
    .describe('retry key: a repeated request with the same key returns the first order and creates nothing'),
});

export const customerFields = {
  // Trimmed first: a pasted address often carries a space that should not fail the form.
  // zod's own email rule as a pattern (not a pipe into z.email()), so the OpenAPI document
  // states it and generated requests meet it.
  email: oneLineText({ error: 'enter an email address such as ada@example.com' })
    .max(254, { error: 'at most 254 characters' })
    .regex(z.regexes.email, { error: 'enter an email address such as ada@example.com' }),
  name: oneLineText({ error: 'enter your full name' }).min(1, { error: 'enter your full name' }).max(200, { error: 'at most 200 characters' }),
  shippingAddress: multiLineText({ error: 'enter a shipping address' })
    .trim()
    .min(1, { error: 'enter a shipping address' })
    .max(1000, { error: 'at most 1000 characters' }),
};

export const createOrderBody = z
  .strictObject({
    cartId: z.uuid({ error: 'expected a cart id (uuid)' }),
    ...customerFields,
    expectedTotalCents: z
      .int({ error: 'expected a whole number of cents' })
      .min(0, { error: 'cannot be negative' })
      .max(1_000_000_000_000, { error: 'too large' })
      .optional()
      .describe('the total (cents, after the voucher) the customer was shown; when the prices read in the checkout transaction give another total, no order is placed and the answer is 409 price_changed'),
  })
  .meta({ id: 'CreateOrder' });

export const orderResponse = z
  .object({
    id: z.uuid(),
    number: z.int().describe('order number shown to the customer'),
    status: z.enum(['placed', 'paid', 'shipped', 'cancelled']),
    email: z.string(),
    name: z.string(),
    shippingAddress: z.string(),
    lines: z.array(
      z.object({ productId: z.int(), sku: z.string(), name: z.string(), unitPriceCents: z.int(), quantity: z.int(), lineTotalCents: z.int() }),
    ),
    subtotalCents: z.int(),
    discountCents: z.int(),
    totalCents: z.int(),
    voucherCode: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Order' });

export type OrderResponse = z.infer<typeof orderResponse>;

export const placedOrderResponse = orderResponse
  .extend({
    accessToken: z
      .string()
      .describe('reads this order: send it as `Authorization: Bearer <accessToken>`; shown only in this response (a replay gets a fresh one), keep it secret'),
  })
  .meta({ id: 'PlacedOrder' });
