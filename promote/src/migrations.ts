import type { Git } from './git.js';

/**
 * The migrations a promotion or rollback carries, and the expand/contract rule: a migration
 * that drops or renames what an older release's code uses (tables, columns, types,
 * constraints) is a contract step and says so in its own text, on a line of its own:
 *
 *   -- migrate:contract <why no release before this one may run on this schema>
 *
 * Unmarked destructive DDL is refused by the policy check (and by the promote tests over
 * app/migrations); `rollback` refuses to go back across a contract step without --force.
 */
export const migrationsDir = 'app/migrations';
export const contractMarker = '-- migrate:contract';

export interface Migration {
  readonly file: string;
  /** The marker's reason, when the file is marked as a contract step. */
  readonly contract: string | undefined;
  /** Destructive statements found in it, one short excerpt each. */
  readonly destructive: readonly string[];
}

/** The marker line's reason (text after the marker), or undefined when the file has none. */
export function contractReason(sql: string): string | undefined {
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.toLowerCase().startsWith(contractMarker)) return trimmed.slice(contractMarker.length).replace(/^[:\s]+/, '').trim() || 'marked as a contract step';
  }
  return undefined;
}

/** SQL with comments, string literals and dollar-quoted bodies blanked, so only statements remain. */
function statementsOnly(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    let end: number;
    if (rest.startsWith('--')) end = sql.indexOf('\n', i);
    else if (rest.startsWith('/*')) end = sql.indexOf('*/', i + 2) + 1;
    else if (rest.startsWith("'")) end = closingQuote(sql, i, "'");
    else if (rest.startsWith('"')) end = closingQuote(sql, i, '"');
    else {
      const tag = /^\$\w*\$/.exec(rest)?.[0];
      if (tag === undefined) {
        out += sql[i] ?? '';
        i += 1;
        continue;
      }
      end = sql.indexOf(tag, i + tag.length) + tag.length - 1;
    }
    if (end < i) end = sql.length;
    out += ' ';
    i = end + 1;
  }
  return out;
}

/** Index of the quote that closes the literal opened at `start` ('' and "" are escapes). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i;
    } else i += 1;
  }
  return sql.length;
}

// Matched against one statement with its whitespace collapsed to single spaces.
const destructivePatterns: readonly { readonly name: string; readonly matches: (statement: string) => boolean }[] = [
  { name: 'DROP TABLE/VIEW/TYPE/DOMAIN/SCHEMA/FUNCTION/SEQUENCE', matches: (s) => /\bDROP (?:TABLE|VIEW|MATERIALIZED VIEW|TYPE|DOMAIN|SCHEMA|FUNCTION|PROCEDURE|SEQUENCE)\b/i.test(s) },
  { name: 'DROP CONSTRAINT', matches: (s) => /\bDROP CONSTRAINT\b/i.test(s) },
  // ALTER TABLE t DROP [COLUMN] c; DROP DEFAULT / NOT NULL / IDENTITY / EXPRESSION only relax and stay compatible.
  { name: 'DROP COLUMN', matches: (s) => /^ALTER TABLE /i.test(s) && / DROP (?!DEFAULT\b|NOT NULL\b|IDENTITY\b|EXPRESSION\b|CONSTRAINT\b)/i.test(s) },
  { name: 'RENAME', matches: (s) => /\bRENAME\b/i.test(s) },
  { name: 'ALTER COLUMN ... TYPE', matches: (s) => /\bALTER (?:COLUMN )?\w+ (?:SET DATA )?TYPE\b/i.test(s) },
];

/** The destructive statements in a migration, as `<kind>: <statement excerpt>`. */
export function destructiveStatements(sql: string): string[] {
  const found: string[] = [];
  for (const statement of statementsOnly(sql).split(';')) {
    const text = statement.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const hit = destructivePatterns.find((p) => p.matches(text));
    if (hit) found.push(`${hit.name}: ${text.length > 80 ? `${text.slice(0, 77)}...` : text}`);
  }
  return found;
}

export function describeMigration(file: string, sql: string): Migration {
  return { file, contract: contractReason(sql), destructive: destructiveStatements(sql) };
}

/** One line per migration with destructive DDL and no contract marker (empty when all is well). */
export function unmarkedDestructive(migrations: readonly Migration[]): string[] {
  return migrations
    .filter((m) => m.destructive.length > 0 && m.contract === undefined)
    .map((m) => `${m.file}: destructive DDL (${m.destructive[0] ?? ''}) without a contract marker: add a line "${contractMarker} <why older releases cannot run on this schema>" or make it additive`);
}

const isMigrationFile = (file: string) => file.startsWith(`${migrationsDir}/`) && file.endsWith('.sql');

/** Migration files added between two source revisions (in `to`, not in `from`), in the order they run. */
export async function migrationsBetween(git: Git, from: string, to: string): Promise<Migration[]> {
  const out = await git.run(['diff', '--name-only', '--no-renames', '--diff-filter=A', from, to, '--', migrationsDir]);
  const files = out.split('\n').filter(isMigrationFile).sort();
  const migrations: Migration[] = [];
  for (const file of files) migrations.push(describeMigration(file, (await git.show(to, file)) ?? ''));
  return migrations;
}

/** Migration files a pull request adds or changes (merge base to head). */
export async function migrationsChanged(git: Git, base: string, head: string): Promise<Migration[]> {
  const out = await git.run(['diff', '--name-only', '--no-renames', '--diff-filter=AM', `${base}...${head}`, '--', migrationsDir]);
  const migrations: Migration[] = [];
  for (const file of out.split('\n').filter(isMigrationFile).sort()) migrations.push(describeMigration(file, (await git.show(head, file)) ?? ''));
  return migrations;
}

export function formatMigration(m: Migration): string {
  return `${m.file}${m.contract === undefined ? '' : ` (CONTRACT: ${m.contract})`}`;
}
