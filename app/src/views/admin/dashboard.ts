import type { DashboardCounts, OrderSummary } from '../../domain/admin/orders.js';
import type { LowStockProduct } from '../../domain/admin/products.js';
import { lowStockThreshold } from '../../domain/catalog/stock.js';
import { html } from '../html.js';
import { formatDateTime } from '../presenters/dates.js';
import { formatPrice } from '../presenters/money.js';
import { stockClass } from '../presenters/stock.js';
import { adminLayout, type AdminFrame } from './layout.js';

export interface Dashboard {
  counts: DashboardCounts;
  /** Vouchers a shopper can redeem right now (switched on and inside their window). */
  activeVouchers: number;
  recentOrders: OrderSummary[];
  lowStock: LowStockProduct[];
}

function recentOrders(orders: OrderSummary[]): string {
  if (orders.length === 0) return html`<p>No orders yet.</p>`;
  return html`<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Number</th><th scope="col">Date</th><th scope="col">Customer</th><th scope="col">Total</th><th scope="col">Status</th></tr></thead>
  <tbody>!${orders.map(
    (order) => html`<tr>
  <td><a href="/admin/orders/${order.id}">${order.number}</a></td>
  <td>${formatDateTime(order.createdAt)}</td>
  <td>${order.customerName}</td>
  <td class="price">${formatPrice(order.totalCents)}</td>
  <td>${order.status}</td>
</tr>`,
  )}</tbody>
</table>
</div>`;
}

function lowStock(products: LowStockProduct[]): string {
  if (products.length === 0) return html`<p>Every product in the shop has more than ${lowStockThreshold} in stock.</p>`;
  return html`<div class="table-scroll">
<table>
  <thead><tr><th scope="col">SKU</th><th scope="col">Name</th><th scope="col">Stock</th></tr></thead>
  <tbody>!${products.map(
    (product) => html`<tr>
  <td>${product.sku}</td>
  <td><a href="/admin/products/${product.id}/edit">${product.name}</a></td>
  <td class="${stockClass(product.stock)}">${product.stock}</td>
</tr>`,
  )}</tbody>
</table>
</div>`;
}

export function dashboardPage(frame: AdminFrame, data: Dashboard): string {
  const { counts } = data;
  const body = html`<h1>Dashboard</h1>
<dl class="totals">
  <dt><a href="/admin/products">Products</a></dt><dd>${counts.products}</dd>
  <dt>Active products with ${lowStockThreshold} or fewer in stock</dt><dd>${counts.lowStock}</dd>
  <dt><a href="/admin/orders">Orders today (UTC)</a></dt><dd>${counts.ordersToday}</dd>
  <dt><a href="/admin/vouchers">Active vouchers</a></dt><dd>${data.activeVouchers}</dd>
</dl>
<section aria-labelledby="recent-orders">
  <h2 id="recent-orders">Recent orders</h2>
  !${recentOrders(data.recentOrders)}
  <p><a href="/admin/orders">All orders</a></p>
</section>
<section aria-labelledby="low-stock">
  <h2 id="low-stock">Low stock</h2>
  !${lowStock(data.lowStock)}
</section>`;
  return adminLayout('Dashboard', { ...frame, section: 'dashboard' }, body);
}
