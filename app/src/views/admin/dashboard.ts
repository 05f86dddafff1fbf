import type { DashboardCounts } from '../../domain/admin/orders.js';
import { lowStockThreshold } from '../../domain/admin/products.js';
import { html } from '../html.js';
import { adminLayout, type AdminFrame } from './layout.js';

export function dashboardPage(frame: AdminFrame, counts: DashboardCounts): string {
  const body = html`<h1>Dashboard</h1>
<dl class="totals">
  <dt><a href="/admin/products">Products</a></dt><dd>${counts.products}</dd>
  <dt>Active products with ${lowStockThreshold} or fewer in stock</dt><dd>${counts.lowStock}</dd>
  <dt><a href="/admin/orders">Orders today (UTC)</a></dt><dd>${counts.ordersToday}</dd>
  <dt><a href="/admin/vouchers">Active vouchers</a></dt><dd>${counts.vouchers}</dd>
</dl>`;
  return adminLayout('Dashboard', { ...frame, section: 'dashboard' }, body);
}
