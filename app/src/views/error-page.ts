import { html } from './html.js';
import { layout, type LayoutContext } from './layout.js';

// What a shopper reads when a link leads nowhere, by what was looked for; anything else is
// "a page". The API keeps its own terse JSON (plugins/error-handlers.ts).
const missingSentences: Record<string, string> = {
  product: 'We could not find that product. It may have been renamed or taken out of the catalog.',
  vendor: 'We could not find that vendor. It may have been renamed or taken out of the catalog.',
  category: 'We could not find that category. It may have been renamed or taken out of the catalog.',
  order: 'We could not find that order. Use the link from your confirmation page.',
};
const missingPage = 'There is no page at this address. It may have moved, or the link may have a typo.';

/** A message as a sentence: the domain's messages are written for the API, in lower case. */
export function asSentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return trimmed;
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

function notFoundBody(missing: string | undefined): string {
  const sentence = (missing === undefined ? undefined : missingSentences[missing]) ?? missingPage;
  return html`<section class="error-page" aria-labelledby="error-title">
  <h1 id="error-title">Page not found</h1>
  <p>${sentence}</p>
  <form action="/search" method="get">
    <label for="not-found-search">Search the catalog</label>
    <div class="search">
      <input id="not-found-search" type="search" name="q" maxlength="200">
      <button type="submit">Search</button>
    </div>
  </form>
  <ul>
    <li><a href="/products">Browse all products</a></li>
    <li><a href="/vendors">Shop by vendor</a></li>
    <li><a href="/">Back to the shop</a></li>
  </ul>
</section>`;
}

/** 404 and error pages: say what happened and where to go, and nothing about internals. */
export function errorPage(statusCode: number, message: string, context: LayoutContext, missing?: string): string {
  if (statusCode === 404) {
    return layout({ title: 'Page not found', description: 'Page not found', noindex: true }, context, notFoundBody(missing));
  }
  const title = statusCode >= 500 ? 'Something went wrong' : 'Request not accepted';
  const body = html`<section class="error-page" aria-labelledby="error-title">
  <h1 id="error-title">${title}</h1>
  <p>${asSentence(message)}</p>
  <p><a href="/">Back to the shop</a> or <a href="/search">search the catalog</a>.</p>
</section>`;
  return layout({ title, description: title, noindex: true }, context, body);
}
