import type { AdminCategory } from '../../domain/admin/categories.js';
import type { AdminProductImage } from '../../domain/admin/product-images.js';
import type { AdminProduct } from '../../domain/admin/products.js';
import { productImagesSection } from './product-images.js';
import type { AdminVendor } from '../../domain/admin/vendors.js';
import { html } from '../html.js';
import { formatPrice } from '../presenters/money.js';
import { stockClass } from '../presenters/stock.js';
import { adminLayout, checkboxField, csrfField, formErrorSummary, inputField, pagination, selectField, textareaField, type AdminFrame, type FormState } from './layout.js';

export function productListPage(
  frame: AdminFrame,
  data: { items: AdminProduct[]; total: number; page: number; pageSize: number; q: string; stockErrors?: Record<number, string> },
): string {
  const rows = data.items.map((product) => {
    const error = data.stockErrors?.[product.id];
    return html`<tr>
  <td>${product.sku}</td>
  <td><a href="/admin/products/${product.id}/edit">${product.name}</a></td>
  <td>${product.vendorName}</td>
  <td class="price">${formatPrice(product.priceCents)}</td>
  <td class="${stockClass(product.stock)}">${product.stock}</td>
  <td>${product.active ? 'Active' : 'Hidden'}</td>
  <td>
    <form class="inline-form" method="post" action="/admin/products/${product.id}/stock">
      !${csrfField(frame.csrfToken)}
      <label for="stock-${product.id}" class="visually-hidden">Stock of ${product.name}: set a number, or adjust with +5 or -2</label>
      <input id="stock-${product.id}" name="stock" type="text" inputmode="numeric" size="6" value="${product.stock}"!${
        error === undefined ? '' : html` aria-invalid="true" aria-describedby="stock-${product.id}-error"`
      }>
      <button type="submit" class="secondary">Set stock</button>
    </form>
    !${error === undefined ? '' : html`<p class="field-error" id="stock-${product.id}-error">${error}</p>`}
  </td>
</tr>`;
  });
  const body = html`<h1>Products</h1>
<div class="toolbar">
  <form method="get" action="/admin/products" role="search" class="inline-form">
    <label for="q">Name or SKU</label>
    <input id="q" name="q" type="search" value="${data.q}" maxlength="200">
    <button type="submit">Search</button>
  </form>
  <a class="button" href="/admin/products/new">New product</a>
</div>
<p>${data.total} ${data.total === 1 ? 'product' : 'products'}${data.q === '' ? '' : ` matching "${data.q}"`}. Stock: type a number to set it, or +n / -n to adjust.</p>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">SKU</th><th scope="col">Name</th><th scope="col">Vendor</th><th scope="col">Price</th><th scope="col">Stock</th><th scope="col">State</th><th scope="col">Change stock</th></tr></thead>
  <tbody>!${rows}</tbody>
</table>
</div>
!${pagination('/admin/products', data.q === '' ? {} : { q: data.q }, data.page, data.pageSize, data.total)}`;
  return adminLayout('Products', { ...frame, section: 'products' }, body);
}

export function productFormPage(
  frame: AdminFrame,
  options: { productId?: number; state: FormState; vendors: AdminVendor[]; categories: AdminCategory[]; images?: AdminProductImage[]; imageError?: string | undefined },
): string {
  const { state } = options;
  const title = options.productId === undefined ? 'New product' : `Edit ${state.values.name ?? 'product'}`;
  const action = options.productId === undefined ? '/admin/products/new' : `/admin/products/${options.productId}/edit`;
  const body = html`<h1>${title}</h1>
!${formErrorSummary(state)}
<form method="post" action="${action}" novalidate>
  !${csrfField(frame.csrfToken)}
  !${inputField(state, { name: 'sku', label: 'SKU', required: true, hint: 'Uppercase letters, digits and dashes, e.g. LAP-XPS13-2025' })}
  !${inputField(state, { name: 'slug', label: 'Slug', required: true, hint: 'Lowercase words joined by dashes; part of the product URL' })}
  !${inputField(state, { name: 'name', label: 'Name', required: true })}
  !${textareaField(state, { name: 'description', label: 'Description', rows: 6 })}
  !${selectField(state, { name: 'vendor', label: 'Vendor', choices: options.vendors.map((vendor) => ({ value: vendor.slug, label: vendor.name })) })}
  !${selectField(state, { name: 'category', label: 'Category', choices: options.categories.map((category) => ({ value: category.slug, label: category.name })) })}
  !${inputField(state, { name: 'price', label: 'Price (USD)', required: true, inputmode: 'decimal', hint: 'Dollars with at most two decimals, e.g. 1299.99' })}
  !${inputField(state, { name: 'stock', label: 'Stock', required: true, inputmode: 'numeric' })}
  !${checkboxField(state, { name: 'active', label: 'Active (shown in the shop)' })}
  !${textareaField(state, { name: 'specs', label: 'Specs', rows: 8, hint: 'One per line as name: value, e.g. RAM: 16 GB' })}
  <button type="submit">Save product</button>
  <a class="button secondary" href="/admin/products">Cancel</a>
</form>
!${options.productId === undefined ? '' : productImagesSection({ productId: options.productId, images: options.images ?? [], csrfToken: frame.csrfToken, error: options.imageError })}`;
  return adminLayout(title, { ...frame, section: 'products' }, body);
}
