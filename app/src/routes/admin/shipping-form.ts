import { z } from 'zod';
import type { NewShippingMethod, ShippingMethodFields } from '../../domain/admin/shipping.js';
import type { ShippingMethod } from '../../domain/shipping/methods.js';
import type { FormState } from '../../views/admin/layout.js';
import { checkbox, dollars, formValues, parseWith, text, wholeNumber, type FormResult } from './forms.js';

// The shipping method form: dollars as typed ("6.90"), an empty free-above meaning "never free".
// The code is asked only when a method is added: API clients send it, so it never changes.

export const shippingFormFields = ['code', 'name', 'price', 'freeAbove', 'deliveryEstimate', 'position', 'active'] as const;

const shippingForm = z.object({
  name: text(60, true),
  price: dollars.pipe(z.int().max(1_000_000, { error: 'at most 10000.00' })),
  freeAbove: z.union([z.literal('').transform(() => null), dollars]),
  deliveryEstimate: text(160, true),
  position: wholeNumber.pipe(z.int().min(0, { error: 'at least 0' }).max(100_000, { error: 'at most 100000' })),
  active: checkbox,
});

// The same rule as the table's CHECK (migration 007), said in words.
const codeField = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9-]{1,31}$/, { error: '2 to 32 lowercase letters, digits or hyphens, starting with a letter, e.g. same-day' });

const newShippingSchema = shippingForm.extend({ code: codeField });

type Parsed<T> = FormResult<T> & { values: Record<string, string> };

function fieldsOf(value: z.output<typeof shippingForm>): ShippingMethodFields {
  const { name, price, freeAbove, deliveryEstimate, position, active } = value;
  return { name, priceCents: price, freeAboveCents: freeAbove, deliveryEstimate, position, active };
}

export function parseShippingForm(body: unknown): Parsed<ShippingMethodFields> {
  const values = formValues(body, shippingFormFields);
  const parsed = parseWith(shippingForm, values);
  return parsed.ok ? { ok: true, value: fieldsOf(parsed.value), values } : { ...parsed, values };
}

export function parseNewShippingForm(body: unknown): Parsed<NewShippingMethod> {
  const values = formValues(body, shippingFormFields);
  const parsed = parseWith(newShippingSchema, values);
  return parsed.ok ? { ok: true, value: { ...fieldsOf(parsed.value), code: parsed.value.code }, values } : { ...parsed, values };
}

const money = (cents: number) => (cents / 100).toFixed(2);

export function shippingToForm(method: ShippingMethod): FormState {
  return {
    values: {
      name: method.name,
      price: money(method.priceCents),
      freeAbove: method.freeAboveCents === null ? '' : money(method.freeAboveCents),
      deliveryEstimate: method.deliveryEstimate,
      position: String(method.position),
      active: method.active ? 'on' : '',
    },
    errors: {},
  };
}

/** A new method's form: offered at checkout, listed after the methods there are. */
export function newShippingForm(methods: readonly ShippingMethod[]): FormState {
  const last = Math.max(0, ...methods.map((method) => method.position));
  return { values: { position: String(last + 10), active: 'on' }, errors: {} };
}
