// Turns whatever a visitor typed into the values the full-text query needs. Nothing here
// reaches SQL as text: websearch_to_tsquery accepts any string, and the prefix word is cut
// down to letters and digits before it meets to_tsquery, whose syntax is stricter.

/** Longer input is cut, not refused: nobody searches with more, and it bounds the work. */
export const maxSearchLength = 200;

export interface SearchTerms {
  /** The (trimmed, shortened) text for websearch_to_tsquery. */
  text: string;
  /** The last word, when it may still be unfinished, for a prefix match; else null. */
  prefix: string | null;
  /** The text before that last word. */
  rest: string;
}

const lastWord = /([\p{L}\p{N}]+)$/u;

export function buildSearchTerms(q: string | undefined): SearchTerms | null {
  if (q === undefined) return null;
  // Control characters carry no meaning in a search and are replaced so they cannot split words oddly.
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const text = q.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, maxSearchLength).trim();
  if (text === '') return null;
  const match = lastWord.exec(text);
  const word = match?.[1];
  // A closed quote or an operator at the end means the visitor finished typing; a word that
  // short would match half the catalog as a prefix; a "-word" excludes and must stay exact.
  const before = match ? text.slice(0, match.index) : '';
  const insideQuote = (text.match(/"/g) ?? []).length % 2 === 1;
  if (word === undefined || word.length < 2 || insideQuote || before.endsWith('-')) return { text, prefix: null, rest: text };
  return { text, prefix: word.toLowerCase(), rest: before.trim() };
}
