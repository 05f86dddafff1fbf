import { z } from 'zod';

export const shippingMethodResponse = z
  .object({
    code: z.string().describe('send it as shippingMethod in POST /api/v1/orders'),
    name: z.string(),
    priceCents: z.int().describe('VAT included'),
    freeAboveCents: z.int().nullable().describe('goods worth at least this (after the voucher) ship free; null: never free'),
    deliveryEstimate: z.string(),
  })
  .meta({ id: 'ShippingMethod' });

export const shippingMethodList = z.object({ items: z.array(shippingMethodResponse) }).meta({ id: 'ShippingMethods' });
