import type { Cart } from '../../domain/cart/read.js';
import { shopCountry } from '../../domain/orders/shop-country.js';
import { orderSummary, type OrderSummary } from '../../domain/orders/summary.js';
import { shippingChargeCents } from '../../domain/shipping/charge.js';
import type { ShippingMethod } from '../../domain/shipping/methods.js';
import { notice } from '../cart/parts.js';
import { html } from '../html.js';
import { formatPrice, shippingPrice } from '../presenters/money.js';
import { productImage } from '../images/product-image.js';
import { summaryList } from '../orders/summary-list.js';

export const checkoutFieldNames = ['email', 'name', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'country', 'shippingMethod'] as const;

export type CheckoutFormValues = Record<(typeof checkoutFieldNames)[number], string>;

export type CheckoutFieldErrors = Partial<Record<keyof CheckoutFormValues, string>>;

export interface CheckoutPageOptions {
  values: CheckoutFormValues;
  errors: CheckoutFieldErrors;
  /** A refusal of the whole order (stock, voucher, shipping), shown above the form. */
  formError?: string;
  idempotencyKey: string;
  /** Active methods, in display order. */
  shippingMethods: ShippingMethod[];
}

/** The form's hidden field carrying the total shown with `code`'s shipping. */
export function expectedTotalField(code: string): string {
  return `expectedTotal-${code}`;
}

function described(name: string, error: string | undefined, hint: string | undefined): string {
  const ids = [...(hint === undefined ? [] : [`${name}-hint`]), ...(error === undefined ? [] : [`${name}-error`])];
  return (ids.length === 0 ? '' : html` aria-describedby="${ids.join(' ')}"`) + (error === undefined ? '' : ' aria-invalid="true"');
}

interface FieldOptions {
  name: keyof CheckoutFormValues;
  label: string;
  autocomplete: string;
  maxlength: number;
  required?: boolean;
  type?: 'email' | 'text';
  inputmode?: 'numeric';
  hint?: string;
}

function field(options: FieldOptions, values: CheckoutFormValues, errors: CheckoutFieldErrors): string {
  const { name, hint } = options;
  const error = errors[name];
  return html`<div class="field">
  <label for="${name}">${options.label}</label>
  !${hint === undefined ? '' : html`<small id="${name}-hint" class="hint">${hint}</small>`}
  <input id="${name}" name="${name}" type="${options.type ?? 'text'}" autocomplete="${options.autocomplete}" maxlength="${options.maxlength}"!${options.required === false ? '' : ' required'}!${
    options.inputmode === undefined ? '' : html` inputmode="${options.inputmode}"`
  } value="${values[name]}"!${described(name, error, hint)}>
  !${error === undefined ? '' : html`<p id="${name}-error" class="field-error">${error}</p>`}
</div>`;
}

function shippingChoice(method: ShippingMethod, summary: OrderSummary, checked: boolean): string {
  const free = method.freeAboveCents === null ? '' : ` (free on goods from ${formatPrice(method.freeAboveCents)})`;
  return html`<div class="choice">
  <input type="radio" id="shipping-${method.code}" name="shippingMethod" value="${method.code}" aria-describedby="shipping-${method.code}-details"!${checked ? ' checked' : ''}>
  <label for="shipping-${method.code}">${method.name}: ${shippingPrice(summary.shippingCents)}</label>
  <small id="shipping-${method.code}-details" class="hint">${method.deliveryEstimate}${free}. Order total with ${method.name}: ${formatPrice(summary.totalCents)}.</small>
</div>`;
}

export function checkoutPage(cart: Cart, options: CheckoutPageOptions): string {
  const { values, errors, shippingMethods } = options;
  const errorCount = Object.keys(errors).length;
  const goodsCents = cart.totals.totalCents;
  const summaries = shippingMethods.map((method) => ({
    method,
    summary: orderSummary({ subtotalCents: cart.totals.subtotalCents, discountCents: cart.totals.discountCents, shippingCents: shippingChargeCents(method, goodsCents) }),
  }));
  // The summary shows the chosen method (the first until the shopper picks one); without
  // JavaScript it cannot follow the radio buttons, so each one states its own total too.
  const chosen = summaries.find((entry) => entry.method.code === values.shippingMethod) ?? summaries[0];
  const shippingError = errors.shippingMethod;
  return html`<h1>Checkout</h1>
!${options.formError === undefined ? '' : notice('error', options.formError)}
!${errorCount > 0 ? notice('error', 'Please correct the highlighted fields.') : ''}
!${cart.checkoutReady ? '' : notice('warn', 'Some products in your cart do not have enough stock.')}
!${chosen === undefined ? notice('error', 'Sorry, no shipping method is available right now, so orders cannot be placed. Please try again later.') : ''}
<section aria-labelledby="summary-title">
  <h2 id="summary-title">Order summary</h2>
  <div class="table-scroll">
  <table class="cart-table">
    <thead><tr><th scope="col">Product</th><th scope="col">Quantity</th><th scope="col">Line total</th></tr></thead>
    <tbody>
    !${cart.lines.map((line) => html`<tr><th scope="row">!${productImage(line, { alt: '', className: 'line-image', lazy: false })}${line.name}</th><td>${line.quantity}</td><td>${formatPrice(line.lineTotalCents)}</td></tr>`)}
    </tbody>
  </table>
  </div>
  !${chosen === undefined ? '' : html`<div class="totals">!${summaryList(chosen.summary, { voucherCode: cart.voucher?.valid === true ? cart.voucher.code : null, shippingName: chosen.method.name })}</div>`}
  <p class="hint">Prices are in US dollars and include ${shopCountry.name}'s VAT (IVA).</p>
  <p><a href="/cart">Change your cart</a></p>
</section>
<section aria-labelledby="details-title">
  <h2 id="details-title">Your details</h2>
  <form method="post" action="/checkout" novalidate>
    <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
    !${summaries.map((entry) => html`<input type="hidden" name="${expectedTotalField(entry.method.code)}" value="${entry.summary.totalCents}">`)}
    <fieldset class="form-group">
      <legend>Contact</legend>
      !${field({ name: 'email', label: 'Email', autocomplete: 'email', maxlength: 254, type: 'email', hint: 'We send the order confirmation and dispatch notice here.' }, values, errors)}
    </fieldset>
    <fieldset class="form-group">
      <legend>Delivery address</legend>
      !${field({ name: 'name', label: 'Full name', autocomplete: 'shipping name', maxlength: 200 }, values, errors)}
      !${field({ name: 'addressLine1', label: 'Street and number', autocomplete: 'shipping address-line1', maxlength: 200 }, values, errors)}
      !${field({ name: 'addressLine2', label: 'Apartment, floor, reference (optional)', autocomplete: 'shipping address-line2', maxlength: 200, required: false }, values, errors)}
      !${field({ name: 'postalCode', label: 'Postal code', autocomplete: 'shipping postal-code', maxlength: 6, inputmode: 'numeric', hint: `6 digits, e.g. ${shopCountry.postalCodeExample}` }, values, errors)}
      !${field({ name: 'city', label: 'City', autocomplete: 'shipping address-level2', maxlength: 100 }, values, errors)}
      <div class="field">
        <label for="country">Country</label>
        <select id="country" name="country" autocomplete="shipping country" aria-describedby="country-hint${errors.country === undefined ? '' : ' country-error'}"!${errors.country === undefined ? '' : ' aria-invalid="true"'}>
          <option value="${shopCountry.code}" selected>${shopCountry.name}</option>
        </select>
        <small id="country-hint" class="hint">We deliver within ${shopCountry.name} only.</small>
        !${errors.country === undefined ? '' : html`<p id="country-error" class="field-error">${errors.country}</p>`}
      </div>
    </fieldset>
    <fieldset class="form-group"!${shippingError === undefined ? '' : ' aria-describedby="shippingMethod-error"'}>
      <legend>Shipping method</legend>
      !${shippingError === undefined ? '' : html`<p id="shippingMethod-error" class="field-error">${shippingError}</p>`}
      !${summaries.map((entry) => shippingChoice(entry.method, entry.summary, entry === chosen))}
    </fieldset>
    !${chosen === undefined ? '' : html`<button type="submit">Place order</button>`}
  </form>
</section>`;
}
