import type { ShippingMethod } from '../../domain/shipping/methods.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { adminLayout, checkboxField, csrfField, formErrorSummary, inputField, type AdminFrame, type FormState } from './layout.js';

export function shippingListPage(frame: AdminFrame, methods: ShippingMethod[]): string {
  const body = html`<h1>Shipping methods</h1>
<p>What checkout offers and charges, in this order. Prices include VAT; a change applies to the next order placed.</p>
<p><a class="button" href="/admin/shipping/new">New shipping method</a></p>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Method</th><th scope="col">Code</th><th scope="col">Price</th><th scope="col">Free from</th><th scope="col">Delivery estimate</th><th scope="col">Position</th><th scope="col">State</th></tr></thead>
  <tbody>!${methods.map(
    (method) => html`<tr>
  <td><a href="/admin/shipping/${method.id}/edit">${method.name}</a></td>
  <td>${method.code}</td>
  <td class="price">${formatPrice(method.priceCents)}</td>
  <td>${method.freeAboveCents === null ? 'never' : formatPrice(method.freeAboveCents)}</td>
  <td>${method.deliveryEstimate}</td>
  <td>${method.position}</td>
  <td>${method.active ? 'Active' : 'Inactive'}</td>
</tr>`,
  )}</tbody>
</table>
</div>`;
  return adminLayout('Shipping methods', { ...frame, section: 'shipping' }, body);
}

/** The form for `method`, or for a new method (which asks for its code) when it is null. */
export function shippingFormPage(frame: AdminFrame, method: ShippingMethod | null, state: FormState): string {
  const title = method === null ? 'New shipping method' : `Edit shipping method ${method.name}`;
  const action = method === null ? '/admin/shipping/new' : `/admin/shipping/${method.id}/edit`;
  const body = html`<h1>${title}</h1>
!${
  method === null
    ? ''
    : html`<p>Code <strong>${method.code}</strong> (what API clients send; it does not change).</p>`
}
!${formErrorSummary(state)}
<form method="post" action="${action}" novalidate>
  !${csrfField(frame.csrfToken)}
  !${method === null ? inputField(state, { name: 'code', label: 'Code', required: true, hint: 'What API clients send, e.g. same-day; it cannot be changed later' }) : ''}
  !${inputField(state, { name: 'name', label: 'Name', required: true, hint: 'Shown to shoppers, e.g. Express' })}
  !${inputField(state, { name: 'price', label: 'Price (USD, VAT included)', required: true, inputmode: 'decimal', hint: 'Dollars with at most two decimals, e.g. 6.90; 0 ships free' })}
  !${inputField(state, { name: 'freeAbove', label: 'Free on goods from (USD)', inputmode: 'decimal', hint: 'Optional: goods worth at least this, after the voucher, ship free; empty means never free' })}
  !${inputField(state, { name: 'deliveryEstimate', label: 'Delivery estimate', required: true, hint: 'Completes "Your parcel goes by Standard shipping: ...", e.g. dispatched within 1 business day, delivered in 2 to 4 business days' })}
  !${inputField(state, { name: 'position', label: 'Position', required: true, inputmode: 'numeric', hint: 'Checkout lists methods from the lowest position; the first one offered is chosen for the shopper' })}
  !${checkboxField(state, { name: 'active', label: 'Offered at checkout' })}
  <button type="submit">${method === null ? 'Add shipping method' : 'Save shipping method'}</button>
  <a class="button secondary" href="/admin/shipping">Cancel</a>
</form>`;
  return adminLayout(title, { ...frame, section: 'shipping' }, body);
}
