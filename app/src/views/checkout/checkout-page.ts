import type { Cart } from '../../domain/cart/read.js';
import { notice, totalsList } from '../cart/parts.js';
import { formatPrice, html } from '../html.js';
import { productImage } from '../images/product-image.js';

export interface CheckoutFormValues {
  email: string;
  name: string;
  shippingAddress: string;
}

export type CheckoutFieldErrors = Partial<Record<keyof CheckoutFormValues, string>>;

export interface CheckoutPageOptions {
  values: CheckoutFormValues;
  errors: CheckoutFieldErrors;
  /** A refusal of the whole order (stock, voucher), shown above the form. */
  formError?: string;
  idempotencyKey: string;
}

function field(name: keyof CheckoutFormValues, label: string, control: (attributes: string) => string, error: string | undefined): string {
  const errorId = `${name}-error`;
  const attributes = error === undefined ? '' : ` aria-invalid="true" aria-describedby="${errorId}"`;
  return html`<div class="field">
  <label for="${name}">${label}</label>
  !${control(attributes)}
  !${error === undefined ? '' : html`<p id="${errorId}" class="field-error">${error}</p>`}
</div>`;
}

export function checkoutPage(cart: Cart, options: CheckoutPageOptions): string {
  const { values, errors } = options;
  const errorCount = Object.keys(errors).length;
  return html`<h1>Checkout</h1>
!${options.formError === undefined ? '' : notice('error', options.formError)}
!${errorCount > 0 ? notice('error', 'Please correct the highlighted fields.') : ''}
!${cart.checkoutReady ? '' : notice('warn', 'Some products in your cart do not have enough stock.')}
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
  <div class="totals">!${totalsList(cart.totals, cart.voucher)}</div>
  <p><a href="/cart">Change your cart</a></p>
</section>
<section aria-labelledby="details-title">
  <h2 id="details-title">Your details</h2>
  <form method="post" action="/checkout" novalidate>
    <input type="hidden" name="idempotencyKey" value="${options.idempotencyKey}">
    <input type="hidden" name="expectedTotalCents" value="${cart.totals.totalCents}">
    !${field('email', 'Email', (a) => html`<input id="email" name="email" type="email" autocomplete="email" maxlength="254" required value="${values.email}"!${a}>`, errors.email)}
    !${field('name', 'Full name', (a) => html`<input id="name" name="name" autocomplete="name" maxlength="200" required value="${values.name}"!${a}>`, errors.name)}
    !${field('shippingAddress', 'Shipping address', (a) => html`<textarea id="shippingAddress" name="shippingAddress" autocomplete="street-address" rows="4" maxlength="1000" required!${a}>${values.shippingAddress}</textarea>`, errors.shippingAddress)}
    <button type="submit">Place order</button>
  </form>
</section>`;
}
