import type { Cart, CartLine } from '../../domain/cart/read.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { productImage } from '../images/product-image.js';
import { lineWarnings, notice, totalsList } from './parts.js';
import type { NoticeKind } from './notices.js';

export interface CartPageOptions {
  notice?: { kind: NoticeKind; message: string };
  /** The code the visitor typed and why it was refused, to show at the voucher field. */
  voucherForm?: { code: string; error: string };
}

function lineRow(line: CartLine): string {
  const inputId = `quantity-${line.productId}`;
  return html`<tr>
  <th scope="row">!${productImage(line, { alt: '', className: 'line-image', lazy: false })}<a href="/products/${line.slug}">${line.name}</a><br><span class="hint">SKU ${line.sku}</span>!${lineWarnings(line)}</th>
  <td data-label="Unit price">${formatPrice(line.unitPriceCents)}</td>
  <td class="cart-quantity">
    <form class="inline-form" method="post" action="/cart/items/${line.productId}">
      <label for="${inputId}" class="visually-hidden">Quantity of ${line.name}</label>
      <input id="${inputId}" type="number" name="quantity" min="0" max="99" step="1" inputmode="numeric" value="${line.quantity}" required>
      <button type="submit" class="secondary">Update</button>
    </form>
  </td>
  <td data-label="Line total">${formatPrice(line.lineTotalCents)}</td>
  <td class="cart-remove">
    <form method="post" action="/cart/items/${line.productId}/remove">
      <button type="submit" class="danger" aria-label="Remove ${line.name}">Remove</button>
    </form>
  </td>
</tr>`;
}

function voucherSection(cart: Cart, options: CartPageOptions): string {
  const applied = cart.voucher;
  const form = options.voucherForm;
  const appliedBlock =
    applied === null
      ? ''
      : html`<p>Applied voucher: <strong>${applied.code}</strong>
  !${applied.valid ? html`(saves ${formatPrice(applied.discountCents)})` : html`<span class="stock-out">${applied.message ?? ''}</span>`}</p>
<form method="post" action="/cart/voucher/remove"><button type="submit" class="secondary">Remove voucher</button></form>`;
  return html`<section aria-labelledby="voucher-title">
  <h2 id="voucher-title">Voucher</h2>
  !${appliedBlock}
  <form method="post" action="/cart/voucher" novalidate>
    <div class="field">
      <label for="voucher-code">Voucher code</label>
      <input id="voucher-code" name="code" maxlength="32" autocomplete="off" value="${form?.code ?? ''}"!${form ? ' aria-invalid="true" aria-describedby="voucher-code-error"' : ''}>
      !${form ? html`<p id="voucher-code-error" class="field-error">${form.error}</p>` : ''}
    </div>
    <button type="submit" class="secondary">Apply voucher</button>
  </form>
</section>`;
}

export function cartPage(cart: Cart | null, options: CartPageOptions = {}): string {
  const top = html`<h1>Your cart</h1>
!${options.notice ? notice(options.notice.kind, options.notice.message) : ''}`;
  if (cart === null || cart.lines.length === 0) {
    return html`!${top}
<p>Your cart is empty.</p>
<p><a href="/products">Browse the catalog</a></p>`;
  }
  return html`!${top}
<div class="table-scroll">
<table class="cart-table cart-lines">
  <caption class="visually-hidden">Products in your cart</caption>
  <thead><tr><th scope="col">Product</th><th scope="col">Unit price</th><th scope="col">Quantity</th><th scope="col">Line total</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
  <tbody>
  !${cart.lines.map(lineRow)}
  </tbody>
</table>
</div>
!${voucherSection(cart, options)}
<section class="totals" aria-labelledby="totals-title">
  <h2 id="totals-title">Totals</h2>
  !${totalsList(cart.totals, cart.voucher)}
  !${cart.checkoutReady ? '' : notice('warn', 'Some products do not have enough stock: lower their quantity or remove them before checking out.')}
  <p><a class="button" href="/checkout">Checkout</a></p>
</section>`;
}
