import type { Order } from '../../domain/orders/read.js';
import { html } from '../html.js';
import { formatDay } from '../presenters/dates.js';
import { deliveryAddress, orderLinesAndTotals } from './order-figures.js';

/** `privateLink` opens the order in any browser: the page says to keep it private. */
export function orderPage(order: Order, privateLink: string): string {
  return html`<h1>Order ${order.number}</h1>
<p class="notice ok" role="status">Order number <strong>${order.number}</strong> was placed on ${formatDay(order.createdAt)}. Contact email: ${order.email}.</p>
<section aria-labelledby="lines-title">
  <h2 id="lines-title">What you ordered</h2>
  !${orderLinesAndTotals(order)}
</section>
<section aria-labelledby="shipping-title">
  <h2 id="shipping-title">Shipping to</h2>
  !${deliveryAddress(order)}
  !${order.shipping === null ? '' : html`<p>${order.shipping.name} shipping: ${order.shipping.deliveryEstimate}.</p>`}
</section>
<section aria-labelledby="link-title">
  <h2 id="link-title">Your private order link</h2>
  <p>This browser remembers your order. To see it on another device, keep this link; anyone who has it can see the order, so do not share it.</p>
  <p><a href="${privateLink}" class="private-link">${privateLink}</a></p>
</section>
<p><a href="/products">Continue shopping</a></p>`;
}
