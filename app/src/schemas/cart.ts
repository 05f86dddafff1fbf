import { z } from 'zod';
import { voucherRejections } from '../domain/vouchers/evaluate.js';
import { oneLineText } from './text.js';

export const cartIdParams = z.object({ id: z.uuid({ error: 'expected a cart id (uuid)' }) });

export const skuParam = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9-]{2,39}$/, { error: 'expected a SKU: 3-40 uppercase letters, digits or dashes' });

export const cartItemParams = z.object({ id: z.uuid({ error: 'expected a cart id (uuid)' }), sku: skuParam });

export const emptyBody = z.strictObject({}).meta({ id: 'EmptyBody' });

export const cartQuantityBody = z
  .strictObject({
    quantity: z.int({ error: 'expected a whole number' }).min(0, { error: 'expected 0 (remove) to 99' }).max(99, { error: 'expected 0 (remove) to 99' }),
  })
  .meta({ id: 'CartQuantity' });

export const voucherCodeBody = z
  .strictObject({ code: oneLineText().min(1, { error: 'enter a voucher code' }).max(32, { error: 'at most 32 characters' }) })
  .meta({ id: 'VoucherCode' });

export const cartLine = z
  .object({
    productId: z.int(),
    sku: z.string(),
    slug: z.string(),
    name: z.string(),
    unitPriceCents: z.int(),
    quantity: z.int(),
    lineTotalCents: z.int(),
    stockAvailable: z.int().describe('units the shop can still sell; 0 when the product is no longer available'),
    warnings: z.array(z.object({ code: z.enum(['unavailable', 'exceeds_stock', 'low_stock']), message: z.string() })),
  })
  .meta({ id: 'CartLine' });

export const cartVoucherStatus = z
  .object({
    code: z.string(),
    valid: z.boolean().describe('whether the voucher gives its discount on the cart as it is now'),
    reason: z.enum(voucherRejections).nullable(),
    message: z.string().nullable(),
    discountCents: z.int(),
  })
  .meta({ id: 'CartVoucher' });

export const cartTotals = z
  .object({ subtotalCents: z.int(), discountCents: z.int(), totalCents: z.int() })
  .meta({ id: 'CartTotals' });

export const cartResponse = z
  .object({
    id: z.uuid(),
    lines: z.array(cartLine),
    itemCount: z.int(),
    voucher: cartVoucherStatus.nullable(),
    totals: cartTotals,
    checkoutReady: z.boolean().describe('true when every line can be bought as it stands'),
    updatedAt: z.string().describe('ISO 8601 time of the last use (a change, or a read to the minute); the cart expires CART_TTL_DAYS after it'),
    notice: z.string().optional().describe('what the last change did differently from the request, e.g. a quantity capped at the stock'),
  })
  .meta({ id: 'Cart' });

export type CartResponse = z.infer<typeof cartResponse>;
