import type { AuditRow } from '../../domain/admin/audit.js';
import type { OrderDetail, OrderSummary } from '../../domain/admin/orders.js';
import { deliveryAddress } from '../orders/order-figures.js';
import { summaryList } from '../orders/summary-list.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { formatDateTime } from '../presenters/dates.js';
import { adminLayout, pagination, type AdminFrame } from './layout.js';

export function orderListPage(frame: AdminFrame, data: { items: OrderSummary[]; total: number; page: number; pageSize: number }): string {
  const body = html`<h1>Orders</h1>
<p>${data.total} ${data.total === 1 ? 'order' : 'orders'}, newest first.</p>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Number</th><th scope="col">Date</th><th scope="col">Customer email</th><th scope="col">Total</th><th scope="col">Status</th><th scope="col">Items</th></tr></thead>
  <tbody>!${data.items.map(
    (order) => html`<tr>
  <td><a href="/admin/orders/${order.id}">${order.number}</a></td>
  <td>${formatDateTime(order.createdAt)}</td>
  <td>${order.email}</td>
  <td class="price">${formatPrice(order.totalCents)}</td>
  <td>${order.status}</td>
  <td>${order.itemCount}</td>
</tr>`,
  )}</tbody>
</table>
</div>
!${pagination('/admin/orders', {}, data.page, data.pageSize, data.total)}`;
  return adminLayout('Orders', { ...frame, section: 'orders' }, body);
}

export function orderDetailPage(frame: AdminFrame, order: OrderDetail): string {
  const body = html`<h1>Order ${order.number}</h1>
<dl class="totals">
  <dt>Placed</dt><dd>${formatDateTime(order.createdAt)}</dd>
  <dt>Status</dt><dd>${order.status}</dd>
  <dt>Customer</dt><dd>${order.customerName}</dd>
  <dt>Email</dt><dd>${order.email}</dd>
</dl>
<h2>Shipping address</h2>
!${deliveryAddress({ name: order.customerName, shippingAddress: order.shippingAddress })}
<p>Shipping: ${order.shipping === null ? 'not recorded (placed before shipping methods)' : `${order.shipping.name}, ${order.shipping.deliveryEstimate}`}</p>
<h2>Items</h2>
<div class="table-scroll">
<table class="cart-table">
  <thead><tr><th scope="col">SKU</th><th scope="col">Name</th><th scope="col">Unit price</th><th scope="col">Quantity</th><th scope="col">Line total</th></tr></thead>
  <tbody>!${order.items.map(
    (item) => html`<tr><td>${item.sku}</td><td>${item.name}</td><td>${formatPrice(item.unitPriceCents)}</td><td>${item.quantity}</td><td>${formatPrice(item.unitPriceCents * item.quantity)}</td></tr>`,
  )}</tbody>
</table>
</div>
<div class="totals">!${summaryList(order, { voucherCode: order.voucherCode, shippingName: order.shipping?.name ?? null })}</div>
<p><a href="/admin/orders">Back to orders</a></p>`;
  return adminLayout(`Order ${order.number}`, { ...frame, section: 'orders' }, body);
}

function describe(details: Record<string, unknown>): string {
  const changes = details.changes;
  if (typeof changes === 'object' && changes !== null) {
    return Object.entries(changes as Record<string, { before: unknown; after: unknown }>)
      .map(([field, change]) => `${field}: ${JSON.stringify(change.before)} -> ${JSON.stringify(change.after)}`)
      .join('; ');
  }
  return JSON.stringify(details);
}

export function auditPage(frame: AdminFrame, data: { items: AuditRow[]; total: number; page: number; pageSize: number }): string {
  const body = html`<h1>Audit log</h1>
<p>${data.total} entries, newest first.</p>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">When</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Entity</th><th scope="col">Details</th></tr></thead>
  <tbody>!${data.items.map(
    (entry) => html`<tr>
  <td>${formatDateTime(entry.at)}</td>
  <td>${entry.actor}</td>
  <td>${entry.action}</td>
  <td>${entry.entity}${entry.entityId === null ? '' : ` #${entry.entityId}`}</td>
  <td>${describe(entry.details)}</td>
</tr>`,
  )}</tbody>
</table>
</div>
!${pagination('/admin/audit', {}, data.page, data.pageSize, data.total)}`;
  return adminLayout('Audit log', { ...frame, section: 'audit' }, body);
}
