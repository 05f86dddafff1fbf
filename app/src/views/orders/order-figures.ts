import type { Order } from '../../domain/orders/read.js';
import type { OrderSummary } from '../../domain/orders/summary.js';
import { multiline } from '../cart/parts.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { summaryList } from './summary-list.js';

export function summaryOf(order: Order): OrderSummary {
  return {
    subtotalCents: order.subtotalCents,
    discountCents: order.discountCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    vatCents: order.vatCents,
    vatRateBasisPoints: order.vatRateBasisPoints,
  };
}

/**
 * The lines bought and the order's figures, as the order page and the confirmation show them.
 * On a phone each line stacks like the cart's (`.cart-lines` in site.css), every figure labelled.
 */
export function orderLinesAndTotals(order: Order): string {
  return html`<div class="table-scroll">
  <table class="cart-table cart-lines">
    <caption class="visually-hidden">Products in this order</caption>
    <thead><tr><th scope="col">Product</th><th scope="col">Unit price</th><th scope="col">Quantity</th><th scope="col">Line total</th></tr></thead>
    <tbody>
    !${order.lines.map((line) => html`<tr><th scope="row">${line.name}<br><span class="hint">SKU ${line.sku}</span></th><td data-label="Unit price">${formatPrice(line.unitPriceCents)}</td><td data-label="Quantity">${line.quantity}</td><td data-label="Line total">${formatPrice(line.lineTotalCents)}</td></tr>`)}
    </tbody>
  </table>
  </div>
  <div class="totals">!${summaryList(summaryOf(order), { voucherCode: order.voucherCode, shippingName: order.shipping?.name ?? null })}</div>`;
}

/** The name and the address exactly as the shopper wrote them, one line each. */
export function deliveryAddress(order: Pick<Order, 'name' | 'shippingAddress'>): string {
  return html`<p class="address">${order.name}<br>!${multiline(order.shippingAddress)}</p>`;
}
