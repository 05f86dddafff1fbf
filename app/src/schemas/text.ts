import { z } from 'zod';

// Text that PostgreSQL can store and a person can read. PostgreSQL `text` cannot hold U+0000
// at all (the query fails), and an unpaired UTF-16 surrogate has no UTF-8 form (the driver
// would silently store U+FFFD instead), so both are refused before any query. Control
// characters (C0, DEL, C1) have no business in a one-line value such as a name, a code or an
// HTTP header; multi-line values (addresses, descriptions) keep tab, line feed and carriage
// return and refuse the rest.
//
// The control-character rule is a `pattern`, so the OpenAPI document says what is accepted and
// a generator (Schemathesis) draws valid text from it. The surrogate rule is a refinement that
// stays out of the document: JSON Schema engines that hold strings as UTF-8 (Rust's, which
// Schemathesis validates with) cannot even compile a surrogate range, and never see one.
/* eslint-disable no-control-regex -- naming control characters is the point of this file */
export const oneLinePattern = /^[^\x00-\x1F\x7F-\x9F]*$/;
export const multiLinePattern = /^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$/;
const oneLineOffender = /[\x00-\x1F\x7F-\x9F]/;
const multiLineOffender = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;
/* eslint-enable no-control-regex */
// With the `u` flag a surrogate pair is one code point (an emoji passes); only a lone half is Cs.
const loneSurrogate = /\p{Cs}/u;

const codePoint = (char: string): string => `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a value the pattern refused, naming the first offending character. */
export function textProblem(value: string, allowLineBreaks: boolean): string {
  const offending = (allowLineBreaks ? multiLineOffender : oneLineOffender).exec(value)?.[0];
  if (offending === undefined) return 'expected text';
  if (offending === '\u0000') return 'must not contain a NUL character (U+0000)';
  if (!allowLineBreaks && /[\t\n\r]/.test(offending)) return `must be a single line: it contains a ${offending === '\t' ? 'tab' : 'line break'} (${codePoint(offending)})`;
  return `must not contain control characters: it contains ${codePoint(offending)}`;
}

function surrogateProblem(value: unknown): string {
  const found = typeof value === 'string' ? loneSurrogate.exec(value)?.[0] : undefined;
  return `must be valid Unicode: it contains an unpaired surrogate${found === undefined ? '' : ` (${codePoint(found)})`}`;
}

function problemOf(allowLineBreaks: boolean) {
  return (issue: { input?: unknown }): string => (typeof issue.input === 'string' ? textProblem(issue.input, allowLineBreaks) : 'expected text');
}

function checked(schema: z.ZodString, allowLineBreaks: boolean): z.ZodString {
  return schema
    .refine((value) => !loneSurrogate.test(value), { error: (issue) => surrogateProblem(issue.input) })
    .regex(allowLineBreaks ? multiLinePattern : oneLinePattern, { error: problemOf(allowLineBreaks) });
}

interface TextOptions {
  /** Message when the value is not a string at all (missing field, number...). */
  error?: string;
}

/** Adds the one-line rule to a string schema that must keep its value as sent (no trim). */
export function oneLine(schema: z.ZodString): z.ZodString {
  return checked(schema, false);
}

/**
 * One line of text: surrounding whitespace is trimmed first (a pasted value often carries a
 * stray newline), then NUL, control characters and unpaired surrogates are refused.
 * Chain `.min()`, `.max()` or `.regex()` for the field's own rules.
 */
export function oneLineText(options: TextOptions = {}): z.ZodString {
  return oneLine(z.string(options.error === undefined ? undefined : { error: options.error }).trim());
}

/**
 * Text that may span lines: tab, line feed and carriage return are kept; NUL, other control
 * characters and unpaired surrogates are refused. Not trimmed: chain `.trim()` where the field
 * wants it.
 */
export function multiLineText(options: TextOptions = {}): z.ZodString {
  return checked(z.string(options.error === undefined ? undefined : { error: options.error }), true);
}
