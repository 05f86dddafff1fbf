import type { OrderSummary } from '../../domain/orders/summary.js';
import { shopVat } from '../../domain/orders/shop-country.js';
import { formatRate } from '../../domain/orders/vat.js';
import { formatPrice, html } from '../html.js';

export function shippingPrice(cents: number): string {
  return cents === 0 ? 'Free' : formatPrice(cents);
}

/**
 * Subtotal, voucher, shipping, total and the VAT it includes, as a description list: the same
 * figures on the checkout, the confirmation, the order page and the admin's order.
 */
export function summaryList(summary: OrderSummary, labels: { voucherCode: string | null; shippingName: string | null }): string {
  const discountLabel = labels.voucherCode === null ? 'Discount' : `Discount (${labels.voucherCode})`;
  const shippingLabel = labels.shippingName === null ? 'Shipping' : `Shipping (${labels.shippingName})`;
  const vat =
    summary.vatCents === null || summary.vatRateBasisPoints === null
      ? ''
      : html`<dt class="vat">Includes ${shopVat.name} ${formatRate(summary.vatRateBasisPoints)}</dt><dd class="vat">${formatPrice(summary.vatCents)}</dd>`;
  return html`<dl class="order-summary">
  <dt>Subtotal</dt><dd>${formatPrice(summary.subtotalCents)}</dd>
  <dt>${discountLabel}</dt><dd>${summary.discountCents > 0 ? `-${formatPrice(summary.discountCents)}` : formatPrice(0)}</dd>
  <dt>${shippingLabel}</dt><dd>${shippingPrice(summary.shippingCents)}</dd>
  <dt class="grand">Total</dt><dd class="grand">${formatPrice(summary.totalCents)}</dd>
  !${vat}
</dl>`;
}
