import type { OrderSummary } from '../../domain/orders/summary.js';
import { shopVat } from '../../domain/orders/shop-country.js';
import { html } from '../html.js';
import { formatDiscount, formatPrice, formatVatRate, shippingPrice } from '../presenters/money.js';

/**
 * Subtotal, voucher (when one applies), shipping, total and the VAT it includes, as a description list: the same
 * figures on the checkout, the confirmation, the order page and the admin's order.
 */
export function summaryList(summary: OrderSummary, labels: { voucherCode: string | null; shippingName: string | null }): string {
  // No voucher and nothing off: no "Discount $0.00" row.
  const discount =
    labels.voucherCode !== null || summary.discountCents > 0
      ? html`<dt>${labels.voucherCode === null ? 'Discount' : `Discount (${labels.voucherCode})`}</dt><dd>${formatDiscount(summary.discountCents)}</dd>`
      : '';
  const shippingLabel = labels.shippingName === null ? 'Shipping' : `Shipping (${labels.shippingName})`;
  const vat =
    summary.vatCents === null || summary.vatRateBasisPoints === null
      ? ''
      : html`<dt class="vat">Includes ${shopVat.name} ${formatVatRate(summary.vatRateBasisPoints)}</dt><dd class="vat">${formatPrice(summary.vatCents)}</dd>`;
  return html`<dl class="order-summary">
  <dt>Subtotal</dt><dd>${formatPrice(summary.subtotalCents)}</dd>
  !${discount}
  <dt>${shippingLabel}</dt><dd>${shippingPrice(summary.shippingCents)}</dd>
  <dt class="grand">Total</dt><dd class="grand">${formatPrice(summary.totalCents)}</dd>
  !${vat}
</dl>`;
}
