import type { AdminCategory } from '../../domain/admin/categories.js';
import type { AdminVendor } from '../../domain/admin/vendors.js';
import { html } from '../html.js';
import { adminLayout, csrfField, formErrorSummary, inputField, textareaField, type AdminFrame, type FormState } from './layout.js';

export function vendorListPage(frame: AdminFrame, vendors: AdminVendor[]): string {
  const body = html`<h1>Vendors</h1>
<div class="toolbar"><p>${vendors.length} vendors.</p><a class="button" href="/admin/vendors/new">New vendor</a></div>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Country</th><th scope="col">Website</th><th scope="col">Products</th></tr></thead>
  <tbody>!${vendors.map(
    (vendor) => html`<tr><td><a href="/admin/vendors/${vendor.id}/edit">${vendor.name}</a></td><td>${vendor.slug}</td><td>${vendor.country ?? ''}</td><td>${vendor.website ?? ''}</td><td>${vendor.productCount}</td></tr>`,
  )}</tbody>
</table>
</div>`;
  return adminLayout('Vendors', { ...frame, section: 'vendors' }, body);
}

export function vendorFormPage(frame: AdminFrame, options: { vendorId?: number; state: FormState }): string {
  const { state } = options;
  const title = options.vendorId === undefined ? 'New vendor' : `Edit ${state.values.name ?? 'vendor'}`;
  const action = options.vendorId === undefined ? '/admin/vendors/new' : `/admin/vendors/${options.vendorId}/edit`;
  const body = html`<h1>${title}</h1>
!${formErrorSummary(state)}
<form method="post" action="${action}" novalidate>
  !${csrfField(frame.csrfToken)}
  !${inputField(state, { name: 'slug', label: 'Slug', required: true, hint: 'Lowercase words joined by dashes' })}
  !${inputField(state, { name: 'name', label: 'Name', required: true })}
  !${textareaField(state, { name: 'description', label: 'Description' })}
  !${inputField(state, { name: 'website', label: 'Website', type: 'url', hint: 'Optional, https://...' })}
  !${inputField(state, { name: 'country', label: 'Country', hint: 'Optional two-letter code, e.g. US' })}
  <button type="submit">Save vendor</button>
  <a class="button secondary" href="/admin/vendors">Cancel</a>
</form>`;
  return adminLayout(title, { ...frame, section: 'vendors' }, body);
}

export function categoryListPage(frame: AdminFrame, categories: AdminCategory[]): string {
  const body = html`<h1>Categories</h1>
<div class="toolbar"><p>${categories.length} categories.</p><a class="button" href="/admin/categories/new">New category</a></div>
<div class="table-scroll">
<table>
  <thead><tr><th scope="col">Position</th><th scope="col">Name</th><th scope="col">Slug</th><th scope="col">Products</th></tr></thead>
  <tbody>!${categories.map(
    (category) => html`<tr><td>${category.position}</td><td><a href="/admin/categories/${category.id}/edit">${category.name}</a></td><td>${category.slug}</td><td>${category.productCount}</td></tr>`,
  )}</tbody>
</table>
</div>`;
  return adminLayout('Categories', { ...frame, section: 'categories' }, body);
}

export function categoryFormPage(frame: AdminFrame, options: { categoryId?: number; state: FormState }): string {
  const { state } = options;
  const title = options.categoryId === undefined ? 'New category' : `Edit ${state.values.name ?? 'category'}`;
  const action = options.categoryId === undefined ? '/admin/categories/new' : `/admin/categories/${options.categoryId}/edit`;
  const body = html`<h1>${title}</h1>
!${formErrorSummary(state)}
<form method="post" action="${action}" novalidate>
  !${csrfField(frame.csrfToken)}
  !${inputField(state, { name: 'slug', label: 'Slug', required: true, hint: 'Lowercase words joined by dashes' })}
  !${inputField(state, { name: 'name', label: 'Name', required: true })}
  !${textareaField(state, { name: 'description', label: 'Description' })}
  !${inputField(state, { name: 'position', label: 'Position', required: true, inputmode: 'numeric', hint: 'Lower numbers are listed first' })}
  <button type="submit">Save category</button>
  <a class="button secondary" href="/admin/categories">Cancel</a>
</form>`;
  return adminLayout(title, { ...frame, section: 'categories' }, body);
}
