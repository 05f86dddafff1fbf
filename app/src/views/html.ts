import { html } from 'ghtml';

// ghtml escapes every interpolated value; only `!${...}` inserts raw markup, and the only
// raw markup passed that way is other html`` results. Keep it so: never `!${userInput}`.
export { html };

/**
 * JSON for a <script type="application/ld+json"> block. JSON.stringify does not escape `<`,
 * so a product name containing `</script>` would end the block; \u003c cannot.
 */
export function jsonLdScript(data: unknown): string {
  const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
  return `<script type="application/ld+json">${json}</script>`;
}
