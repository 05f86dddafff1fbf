import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { z } from 'zod';
import { environmentNames, environmentSchema, type Environment, type EnvironmentName } from './schema.js';

/** Folder holding dev.yaml, stage.yaml and prod.yaml. */
export const environmentsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * An environment's file, relative to the top of a checkout: environments/<name>.yaml. The one
 * place that names it; join it to another checkout's root to read that checkout's file.
 */
export function environmentPath(name: EnvironmentName): string {
  return `environments/${name}.yaml`;
}

/** Thrown for a file that is not valid YAML or not a valid environment; one line per problem. */
export class EnvironmentFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(problems.join('\n'));
    this.name = 'EnvironmentFileError';
  }
}

/** The environment's file in this checkout (absolute). */
export function environmentFile(name: EnvironmentName): string {
  return path.join(environmentsDir, '..', environmentPath(name));
}

/** Reads and validates environments/<name>.yaml. */
export function loadEnvironment(name: EnvironmentName): Environment {
  const file = environmentFile(name);
  // eslint-disable-next-line security/detect-non-literal-fs-filename -- a fixed folder and a name from the schema's enum
  return parseEnvironmentFile(file, readFileSync(file, 'utf8'));
}

export function loadEnvironments(): Environment[] {
  return environmentNames.map((name) => loadEnvironment(name));
}

/**
 * Parses one environment file. `file` is used in messages and to check that the file name
 * matches `name:` inside it. Errors read `<file>: <path.in.yaml>: <what was expected>`.
 */
export function parseEnvironmentFile(file: string, text: string): Environment {
  const shown = displayPath(file);
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new EnvironmentFileError(
      shown,
      document.errors.map((error) => `${shown}: ${error.linePos ? `line ${error.linePos[0].line}` : '(yaml)'}: ${(error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '')}`),
    );
  }
  const parsed = environmentSchema.safeParse(document.toJS());
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${shown}: ${formatPath(issue.path)}: ${describe(issue, document.contents)}`);
  const expectedName = path.basename(file).replace(/\.ya?ml$/, '');
  if (parsed.success && parsed.data.name !== expectedName && (environmentNames as readonly string[]).includes(expectedName)) {
    problems.push(`${shown}: name: expected ${expectedName} to match the file name`);
  }
  if (problems.length > 0 || !parsed.success) throw new EnvironmentFileError(shown, problems);
  return parsed.data;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function formatPath(issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return '(top level)';
  return issuePath.map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`)).join('');
}

function describe(issue: z.core.$ZodIssue, root: Node | null): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') {
    const value = lookup(root, issue.path);
    if (value === undefined) return `required: expected ${issue.expected}`;
    if (issue.message.startsWith('Invalid input')) return `expected ${issue.expected}, got ${value === null ? 'null' : Array.isArray(value) || isSeq(value) ? 'a list' : isMap(value) ? 'a mapping' : typeof value}`;
  }
  return issue.message;
}

/** Whether the YAML holds something at `issuePath` (to tell "missing" from "wrong type"). */
function lookup(root: Node | null, issuePath: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const key of issuePath) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else return undefined;
  }
  return isScalar(node) ? node.value : node;
}
