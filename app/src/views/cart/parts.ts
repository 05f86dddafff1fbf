import type { CartLine, CartTotals, CartVoucherStatus } from '../../domain/cart/read.js';
import { html } from '../html.js';
import { formatDiscount, formatPrice } from '../presenters/money.js';
import type { NoticeKind } from './notices.js';

export function notice(kind: NoticeKind, message: string): string {
  const role = kind === 'error' ? 'alert' : 'status';
  return html`<p class="notice ${kind}" role="${role}">${message}</p>`;
}

export function lineWarnings(line: CartLine): string {
  return line.warnings
    .map((warning) => html`<br><span class="${warning.code === 'low_stock' ? 'stock-low' : 'stock-out'}">${warning.message}</span>`)
    .join('');
}

/** Subtotal, discount (only when a voucher applies) and total as a description list. */
export function totalsList(totals: CartTotals, voucher: CartVoucherStatus | { code: string; valid: true } | null): string {
  const applied = voucher !== null && voucher.valid;
  const discount =
    applied || totals.discountCents > 0
      ? html`<dt>${applied ? `Discount (${voucher.code})` : 'Discount'}</dt><dd>${formatDiscount(totals.discountCents)}</dd>`
      : '';
  return html`<dl>
  <dt>Subtotal</dt><dd>${formatPrice(totals.subtotalCents)}</dd>
  !${discount}
  <dt class="grand">Total</dt><dd class="grand">${formatPrice(totals.totalCents)}</dd>
</dl>`;
}

/** Multi-line text (an address) as escaped lines joined by <br>, without inline styles. */
export function multiline(text: string): string {
  return text
    .split('\n')
    .map((line) => html`${line}`)
    .join('<br>');
}
