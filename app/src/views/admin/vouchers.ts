import type { AdminVoucher } from '../../domain/admin/vouchers.js';
import { voucherState, voucherStateLabels } from '../../domain/vouchers/state.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { formatDateTime } from '../presenters/dates.js';
import { adminLayout, checkboxField, csrfField, formErrorSummary, inputField, selectField, textareaField, type AdminFrame, type FormState } from './layout.js';

function discount(voucher: AdminVoucher): string {
  return voucher.kind === 'percent' ? `${voucher.amount}%` : formatPrice(voucher.amount);
}

function window(voucher: AdminVoucher): string {
  const from = voucher.startsAt === null ? 'any time' : formatDateTime(voucher.startsAt);
  const to = voucher.endsAt === null ? 'no end' : formatDateTime(voucher.endsAt);
  return `${from} to ${to}`;
}

export function voucherListPage(frame: AdminFrame, vouchers: AdminVoucher[], now: Date): string {
  const body = html`<h1>Vouchers</h1>
<div class="toolbar"><p>${vouchers.length} vouchers.</p><a class="button" href="/admin/vouchers/new">New voucher</a></div>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Code</th><th scope="col">Discount</th><th scope="col">Minimum total</th><th scope="col">Valid</th><th scope="col">Redemptions</th><th scope="col">State</th></tr></thead>
  <tbody>!${vouchers.map(
    (voucher) => html`<tr>
  <td><a href="/admin/vouchers/${voucher.id}/edit">${voucher.code}</a></td>
  <td>${discount(voucher)}</td>
  <td>${formatPrice(voucher.minTotalCents)}</td>
  <td>${window(voucher)}</td>
  <td>${voucher.redemptions}${voucher.maxRedemptions === null ? '' : ` of ${voucher.maxRedemptions}`}</td>
  <td>${voucherStateLabels[voucherState(voucher, now)]}</td>
</tr>`,
  )}</tbody>
</table>
</div>`;
  return adminLayout('Vouchers', { ...frame, section: 'vouchers' }, body);
}

export function voucherFormPage(frame: AdminFrame, options: { voucher?: AdminVoucher; state: FormState; now: Date }): string {
  const { state, voucher } = options;
  const title = voucher === undefined ? 'New voucher' : `Edit voucher ${voucher.code}`;
  const action = voucher === undefined ? '/admin/vouchers/new' : `/admin/vouchers/${voucher.id}/edit`;
  const body = html`<h1>${title}</h1>
!${voucher === undefined ? '' : html`<p>${voucherStateLabels[voucherState(voucher, options.now)]} now. Redeemed ${voucher.redemptions} ${voucher.redemptions === 1 ? 'time' : 'times'}.</p>`}
!${formErrorSummary(state)}
<form method="post" action="${action}" novalidate>
  !${csrfField(frame.csrfToken)}
  !${inputField(state, { name: 'code', label: 'Code', required: true, hint: 'Uppercase letters, digits, dashes or underscores, e.g. SPRING10' })}
  !${textareaField(state, { name: 'description', label: 'Description', rows: 2 })}
  !${selectField(state, { name: 'kind', label: 'Kind', choices: [{ value: 'percent', label: 'Percent off' }, { value: 'fixed', label: 'Fixed amount off (USD)' }] })}
  !${inputField(state, { name: 'amount', label: 'Amount', required: true, inputmode: 'decimal', hint: 'Percent: 1 to 100. Fixed: dollars, e.g. 25.00' })}
  !${inputField(state, { name: 'minTotal', label: 'Minimum order total (USD)', inputmode: 'decimal', hint: 'Optional, e.g. 100.00' })}
  !${inputField(state, { name: 'startsAt', label: 'Starts (UTC)', type: 'datetime-local', hint: 'Optional' })}
  !${inputField(state, { name: 'endsAt', label: 'Ends (UTC)', type: 'datetime-local', hint: 'Optional' })}
  !${inputField(state, { name: 'maxRedemptions', label: 'Maximum redemptions', inputmode: 'numeric', hint: 'Optional; empty means unlimited' })}
  !${checkboxField(state, { name: 'active', label: 'Active' })}
  <button type="submit">Save voucher</button>
  <a class="button secondary" href="/admin/vouchers">Cancel</a>
</form>`;
  return adminLayout(title, { ...frame, section: 'vouchers' }, body);
}
