import { z } from 'zod';
import type { ShippingMethodFields } from '../../domain/admin/shipping.js';
import type { ShippingMethod } from '../../domain/shipping/methods.js';
import type { FormState } from '../../views/admin/layout.js';
import { checkbox, dollars, formValues, parseWith, text, type FormResult } from './forms.js';

// The shipping method form: dollars as typed ("6.90"), an empty free-above meaning "never free".

export const shippingFormFields = ['name', 'price', 'freeAbove', 'deliveryEstimate', 'active'] as const;

const shippingForm = z.object({
  name: text(60, true),
  price: dollars.pipe(z.int().max(1_000_000, { error: 'at most 10000.00' })),
  freeAbove: z.union([z.literal('').transform(() => null), dollars]),
  deliveryEstimate: text(160, true),
  active: checkbox,
});

export function parseShippingForm(body: unknown): FormResult<ShippingMethodFields> & { values: Record<string, string> } {
  const values = formValues(body, shippingFormFields);
  const parsed = parseWith(shippingForm, values);
  if (!parsed.ok) return { ...parsed, values };
  const { name, price, freeAbove, deliveryEstimate, active } = parsed.value;
  return { ok: true, value: { name, priceCents: price, freeAboveCents: freeAbove, deliveryEstimate, active }, values };
}

const money = (cents: number) => (cents / 100).toFixed(2);

export function shippingToForm(method: ShippingMethod): FormState {
  return {
    values: {
      name: method.name,
      price: money(method.priceCents),
      freeAbove: method.freeAboveCents === null ? '' : money(method.freeAboveCents),
      deliveryEstimate: method.deliveryEstimate,
      active: method.active ? 'on' : '',
    },
    errors: {},
  };
}
