import { html } from '../html.js';
import { asSentence } from '../error-page.js';
import { adminDocument } from './layout.js';

// Errors under /admin stay in the admin's own document: a clerk who mistypes an address or
// follows a link to a deleted product is not sent into the shop's header, search and cart.
// The nav is the way back only (no logout form: the visitor may not be logged in, and the
// error handler has no CSRF token to give it).

const nav = html`<nav aria-label="Admin">
  <ul class="nav-list admin-nav">
    <li><a href="/admin">Dashboard</a></li>
    <li><a href="/admin/products">Products</a></li>
    <li><a href="/">View shop</a></li>
  </ul>
</nav>`;

function notFoundSentence(missing: string | undefined): string {
  return `There is no ${missing ?? 'page'} at this address in the admin. It may have been deleted, or the link may have a typo.`;
}

/** An admin page's 404 or error: what happened, and the way back to the dashboard. */
export function adminErrorPage(statusCode: number, message: string, missing?: string): string {
  const title = statusCode === 404 ? 'Page not found' : statusCode >= 500 ? 'Something went wrong' : 'Request not accepted';
  const sentence = statusCode === 404 ? notFoundSentence(missing) : asSentence(message);
  return adminDocument(
    title,
    nav,
    html`<section class="error-page" aria-labelledby="error-title">
  <h1 id="error-title">${title}</h1>
  <p>${sentence}</p>
  <p><a href="/admin">Back to the dashboard</a></p>
</section>`,
  );
}
