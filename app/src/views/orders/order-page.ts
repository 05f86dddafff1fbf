import type { Order } from '../../domain/orders/read.js';
import { multiline, totalsList } from '../cart/parts.js';
import { formatPrice, html } from '../html.js';

/** `privateLink` opens the order in any browser: the page says to keep it private. */
export function orderPage(order: Order, privateLink: string): string {
  const voucher = order.voucherCode === null ? null : { code: order.voucherCode, valid: true as const };
  return html`<h1>Thank you for your order</h1>
<p class="notice ok" role="status">Order number <strong>${order.number}</strong> was placed on ${order.createdAt.toISOString().slice(0, 10)}. Contact email: ${order.email}.</p>
<section aria-labelledby="lines-title">
  <h2 id="lines-title">What you ordered</h2>
  <div class="table-scroll">
  <table class="cart-table">
    <thead><tr><th scope="col">Product</th><th scope="col">Unit price</th><th scope="col">Quantity</th><th scope="col">Line total</th></tr></thead>
    <tbody>
    !${order.lines.map((line) => html`<tr><th scope="row">${line.name}<br><span class="hint">SKU ${line.sku}</span></th><td>${formatPrice(line.unitPriceCents)}</td><td>${line.quantity}</td><td>${formatPrice(line.lineTotalCents)}</td></tr>`)}
    </tbody>
  </table>
  </div>
  <div class="totals">!${totalsList({ subtotalCents: order.subtotalCents, discountCents: order.discountCents, totalCents: order.totalCents }, voucher)}</div>
</section>
<section aria-labelledby="shipping-title">
  <h2 id="shipping-title">Shipping to</h2>
  <p>${order.name}<br>!${multiline(order.shippingAddress)}</p>
</section>
<section aria-labelledby="link-title">
  <h2 id="link-title">Your private order link</h2>
  <p>This browser remembers your order. To see it on another device, keep this link; anyone who has it can see the order, so do not share it.</p>
  <p><a href="${privateLink}" class="private-link">${privateLink}</a></p>
</section>
<p><a href="/products">Continue shopping</a></p>`;
}
