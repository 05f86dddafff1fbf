import type { Order } from '../../domain/orders/read.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { deliveryAddress, orderLinesAndTotals } from './order-figures.js';

/** Shown once, right after checkout: the order, what happens next, and the way to its page. */
export function confirmationPage(order: Order): string {
  const dispatch = order.shipping === null ? null : html`<li>Your parcel goes by <strong>${order.shipping.name}</strong> shipping: ${order.shipping.deliveryEstimate}.</li>`;
  return html`<h1>Thank you for your order</h1>
<p class="notice ok" role="status">Order number <strong>${order.number}</strong> is confirmed: ${formatPrice(order.totalCents)}.</p>
<section aria-labelledby="next-title">
  <h2 id="next-title">What happens next</h2>
  <ol class="next-steps">
    <li>We pack your order. This shop sends no confirmation email: we write to <strong>${order.email}</strong> only if something about the order needs your answer.</li>
    !${dispatch ?? ''}
    <li>Your record of the order is <a href="/orders/${order.id}">your order page</a>; it gives you a private link to open it on another device, so keep that link.</li>
  </ol>
</section>
<section aria-labelledby="lines-title">
  <h2 id="lines-title">What you ordered</h2>
  !${orderLinesAndTotals(order)}
</section>
<section aria-labelledby="shipping-title">
  <h2 id="shipping-title">Shipping to</h2>
  !${deliveryAddress(order)}
</section>
<p><a class="button" href="/orders/${order.id}">View your order</a> <a href="/products">Continue shopping</a></p>`;
}
