import { html } from '../html.js';
import { shopName } from '../layout.js';

export interface AdminFrame {
  csrfToken: string;
  /** The nav entry to mark as current. */
  section?: 'dashboard' | 'products' | 'vendors' | 'categories' | 'vouchers' | 'shipping' | 'orders' | 'audit' | 'sessions';
  /** A one-line confirmation after a redirect (saved, stock changed...). */
  notice?: string;
}

const sections = [
  ['dashboard', '/admin', 'Dashboard'],
  ['products', '/admin/products', 'Products'],
  ['vendors', '/admin/vendors', 'Vendors'],
  ['categories', '/admin/categories', 'Categories'],
  ['vouchers', '/admin/vouchers', 'Vouchers'],
  ['shipping', '/admin/shipping', 'Shipping'],
  ['orders', '/admin/orders', 'Orders'],
  ['audit', '/admin/audit', 'Audit log'],
  ['sessions', '/admin/sessions', 'Sessions'],
] as const;

/**
 * The admin's own document: no shop search, cart or catalog links (a clerk works on the shop,
 * not in it), never indexed. `nav` is empty on the login page.
 */
export function adminDocument(title: string, nav: string, body: string): string {
  const fullTitle = `${title} (admin) | ${shopName}`;
  return `<!doctype html>${html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${shopName} administration: ${title}.">
<meta name="robots" content="noindex">
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header admin-header">
  <div class="wrap header-row">
    <a class="brand" href="/admin">${shopName} admin</a>
    !${nav}
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
!${body}
</main>
</body>
</html>`}`;
}

/** Admin pages: the admin document with its nav, a link to the shop and a logout button. */
export function adminLayout(title: string, frame: AdminFrame, body: string): string {
  const nav = html`<nav aria-label="Admin">
  <ul class="nav-list admin-nav">
    !${sections.map(([key, href, label]) => html`<li><a href="${href}"!${frame.section === key ? ' aria-current="page"' : ''}>${label}</a></li>`)}
    <li><a href="/">View shop</a></li>
    <li><form class="inline-form" method="post" action="/admin/logout">!${csrfField(frame.csrfToken)}<button type="submit" class="secondary">Log out</button></form></li>
  </ul>
</nav>`;
  const notice = frame.notice === undefined ? '' : html`<p class="notice ok" role="status">${frame.notice}</p>`;
  return adminDocument(title, nav, notice + body);
}

export function csrfField(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

interface FieldOptions {
  name: string;
  label: string;
  type?: 'text' | 'number' | 'datetime-local' | 'password' | 'url' | 'search';
  required?: boolean;
  hint?: string;
  inputmode?: 'decimal' | 'numeric';
  autocomplete?: string;
}

function describedBy(state: FormState, name: string, hint: string | undefined): string {
  const ids = [];
  if (hint !== undefined) ids.push(`${name}-hint`);
  if (state.errors[name] !== undefined) ids.push(`${name}-error`);
  const invalid = state.errors[name] === undefined ? '' : ' aria-invalid="true"';
  return ids.length === 0 ? invalid : html` aria-describedby="${ids.join(' ')}"` + invalid;
}

function messages(state: FormState, name: string, hint: string | undefined): string {
  const error = state.errors[name];
  return (
    (hint === undefined ? '' : html`<small id="${name}-hint">${hint}</small>`) + (error === undefined ? '' : html`<p class="field-error" id="${name}-error">${error}</p>`)
  );
}

export function inputField(state: FormState, options: FieldOptions): string {
  const { name } = options;
  return html`<div class="field">
  <label for="${name}">${options.label}</label>
  <input id="${name}" name="${name}" type="${options.type ?? 'text'}" value="${state.values[name] ?? ''}"!${options.required === true ? ' required' : ''}!${
    options.inputmode === undefined ? '' : html` inputmode="${options.inputmode}"`
  }!${options.autocomplete === undefined ? '' : html` autocomplete="${options.autocomplete}"`}!${describedBy(state, name, options.hint)}>
  !${messages(state, name, options.hint)}
</div>`;
}

export function textareaField(state: FormState, options: { name: string; label: string; hint?: string; rows?: number }): string {
  const { name } = options;
  return html`<div class="field">
  <label for="${name}">${options.label}</label>
  <textarea id="${name}" name="${name}" rows="${options.rows ?? 4}"!${describedBy(state, name, options.hint)}>${state.values[name] ?? ''}</textarea>
  !${messages(state, name, options.hint)}
</div>`;
}

export function selectField(state: FormState, options: { name: string; label: string; choices: { value: string; label: string }[] }): string {
  const { name } = options;
  const current = state.values[name] ?? '';
  return html`<div class="field">
  <label for="${name}">${options.label}</label>
  <select id="${name}" name="${name}" required!${describedBy(state, name, undefined)}>
    <option value="">Choose...</option>
    !${options.choices.map((choice) => html`<option value="${choice.value}"!${choice.value === current ? ' selected' : ''}>${choice.label}</option>`)}
  </select>
  !${messages(state, name, undefined)}
</div>`;
}

export function checkboxField(state: FormState, options: { name: string; label: string }): string {
  const { name } = options;
  return html`<div class="field">
  <label><input type="checkbox" name="${name}" value="on"!${state.values[name] === 'on' ? ' checked' : ''}> ${options.label}</label>
  !${messages(state, name, undefined)}
</div>`;
}

export function formErrorSummary(state: FormState): string {
  const count = Object.keys(state.errors).length;
  if (count === 0) return '';
  return html`<p class="notice error" role="alert">${count === 1 ? 'One field needs attention.' : `${count} fields need attention.`} Nothing was saved.</p>`;
}

/** Previous / page n of m / next, keeping the other query parameters. */
export function pagination(path: string, params: Record<string, string>, page: number, pageSize: number, total: number): string {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return '';
  const href = (target: number) => `${path}?${new URLSearchParams({ ...params, page: String(target) }).toString()}`;
  return html`<nav aria-label="Pagination">
  <ul class="pagination">
    !${page > 1 ? html`<li><a href="${href(page - 1)}" rel="prev">Previous</a></li>` : ''}
    <li><span aria-current="page">Page ${page} of ${pages}</span></li>
    !${page < pages ? html`<li><a href="${href(page + 1)}" rel="next">Next</a></li>` : ''}
  </ul>
</nav>`;
}
