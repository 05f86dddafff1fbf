import { z } from 'zod';
import { shopCountry } from '../domain/orders/shop-country.js';
import { oneLineText } from './text.js';

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
};

const postalCodeRule = `enter the 6-digit postal code, e.g. ${shopCountry.postalCodeExample}`;

/** One field per line of the parcel's label; the shop delivers only within its own country. */
export const addressFields = {
  line1: oneLineText({ error: 'enter the street and number' }).min(1, { error: 'enter the street and number' }).max(200, { error: 'at most 200 characters' }),
  line2: oneLineText({ error: 'at most 200 characters, on one line' }).max(200, { error: 'at most 200 characters' }).default(''),
  // One pattern that allows the blanks it trims, not the text rule plus a digits rule: a request
  // generator (the fuzzer) cannot meet two patterns at once, and six digits hold no NUL anyway.
  postalCode: z.string({ error: postalCodeRule }).regex(shopCountry.postalCodePattern, { error: postalCodeRule }).trim(),
  city: oneLineText({ error: 'enter the city' }).min(1, { error: 'enter the city' }).max(100, { error: 'at most 100 characters' }),
  country: z
    .enum([shopCountry.code], { error: `we deliver only within ${shopCountry.name} (${shopCountry.code})` })
    .describe(`ISO 3166-1 alpha-2; the shop delivers only within ${shopCountry.name}`),
};

export const addressSchema = z.strictObject(addressFields).meta({
  id: 'Address',
  examples: [{ line1: 'Av. Amazonas N34-451', line2: 'Edificio Torre Azul, piso 3', postalCode: shopCountry.postalCodeExample, city: 'Quito', country: shopCountry.code }],
});

export const shippingMethodCodeSchema = z
  .string({ error: 'choose a shipping method' })
  .regex(/^[a-z][a-z0-9-]{1,31}$/, { error: 'choose a shipping method' })
  .describe('code of an active shipping method (GET /api/v1/shipping-methods)')
  // A method of the seed data: on a fresh shop the example is one the checkout accepts.
  .meta({ examples: ['standard'] });

export const createOrderBody = z
  .strictObject({
    cartId: z.uuid({ error: 'expected a cart id (uuid)' }),
    ...customerFields,
    address: addressSchema,
    shippingMethod: shippingMethodCodeSchema,
    expectedTotalCents: z
      .int({ error: 'expected a whole number of cents' })
      .min(0, { error: 'cannot be negative' })
      .max(1_000_000_000_000, { error: 'too large' })
      .optional()
      .describe('the total (cents: subtotal - voucher + shipping) the customer was shown; when the prices and shipping rules read in the checkout transaction give another total, no order is placed and the answer is 409 price_changed'),
  })
  .meta({ id: 'CreateOrder' });

const addressOut = z
  .object({ line1: z.string(), line2: z.string(), postalCode: z.string(), city: z.string(), country: z.string() })
  .meta({ id: 'OrderAddress' });

export const orderResponse = z
  .object({
    id: z.uuid(),
    number: z.int().describe('order number shown to the customer'),
    status: z.enum(['placed', 'paid', 'shipped', 'cancelled']),
    email: z.string(),
    name: z.string(),
    shippingAddress: z.string().describe('the address as printed on the parcel, one line per field; orders placed before addresses were structured hold the text as typed'),
    address: addressOut.nullable().describe('null for orders placed before addresses were structured'),
    shipping: z
      .object({ name: z.string(), deliveryEstimate: z.string() })
      .nullable()
      .describe('the method chosen; null for orders placed before shipping was charged'),
    lines: z.array(
      z.object({ productId: z.int(), sku: z.string(), name: z.string(), unitPriceCents: z.int(), quantity: z.int(), lineTotalCents: z.int() }),
    ),
    subtotalCents: z.int(),
    discountCents: z.int(),
    shippingCents: z.int(),
    totalCents: z.int().describe('charged: subtotalCents - discountCents + shippingCents, VAT included'),
    vatCents: z.int().nullable().describe('VAT included in totalCents (computed on the total, rounded half up to the cent); null for orders placed before it was recorded'),
    vatRateBasisPoints: z.int().nullable().describe('the VAT rate applied, in basis points (1500 = 15%)'),
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
