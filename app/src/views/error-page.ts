import { html } from './html.js';
import { layout, type LayoutContext } from './layout.js';

/** 404 and error pages: say what happened and where to go, and nothing about internals. */
export function errorPage(statusCode: number, message: string, context: LayoutContext): string {
  const title = statusCode === 404 ? 'Page not found' : statusCode >= 500 ? 'Something went wrong' : 'Request not accepted';
  const body = html`<section class="error-page" aria-labelledby="error-title">
  <h1 id="error-title">${title}</h1>
  <p>${message}</p>
  <p><a href="/">Back to the shop</a> or <a href="/search">search the catalog</a>.</p>
</section>`;
  return layout({ title, description: title, noindex: true }, context, body);
}
