import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The app's layers point one way: routes read the request, cookies and the database and hand
// plain values to the views; the domain knows neither. These rules read the import statements
// of every source file, so a new import that breaks them fails here rather than in review.

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../src');

interface Import {
  specifier: string;
  /** The source file it names (for relative imports), or null for a package. */
  target: string | null;
  /** `import type` / `export type`: erased from the compiled JavaScript, so nothing is loaded. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const importCache = new Map<string, Import[]>();

function importsOf(file: string): Import[] {
  const cached = importCache.get(file);
  if (cached !== undefined) return cached;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    // Compiled imports name the .js file; the source beside it is the .ts one.
    const target = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts') : null;
    found.push({ specifier, target, typeOnly });
  };
  const visit = (node: ts.Node) => {
    // With verbatimModuleSyntax, `import { type A }` still loads the module: only `import type` is erased.
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, node.importClause?.phaseModifier === ts.SyntaxKind.TypeKeyword);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) add(node.moduleSpecifier.text, node.isTypeOnly);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined && ts.isStringLiteral(node.arguments[0])) add(node.arguments[0].text, false);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) add(node.argument.literal.text, true);
    ts.forEachChild(node, visit);
  };
  visit(source);
  importCache.set(file, found);
  return found;
}

const relative = (file: string) => path.relative(srcDir, file);
const isUnder = (file: string | null, folder: string) => file !== null && relative(file).startsWith(`${folder}/`);
const databaseDrivers = new Set(['pg', '@electric-sql/pglite']);
const httpPackages = (specifier: string) => specifier === 'fastify' || specifier.startsWith('fastify-') || specifier.startsWith('@fastify/') || specifier === 'cookie';

const touchCache = new Map<string, boolean>();

/**
 * A module touches the database when it names db/ at all (a `Queryable` parameter is how a
 * domain function reaches it) or a driver, or when a module it loads at run time does.
 */
function touchesDatabase(file: string): boolean {
  const cached = touchCache.get(file);
  if (cached !== undefined) return cached;
  touchCache.set(file, false); // an import cycle adds nothing to what the rest of the walk finds
  const touches = importsOf(file).some(
    (found) => isUnder(found.target, 'db') || databaseDrivers.has(found.specifier) || (found.target !== null && !found.typeOnly && touchesDatabase(found.target)),
  );
  touchCache.set(file, touches);
  return touches;
}

function violations(folder: string, rule: (found: Import) => string | null): string[] {
  return sourceFiles(path.join(srcDir, folder)).flatMap((file) =>
    importsOf(file).flatMap((found) => {
      const why = rule(found);
      return why === null ? [] : [`${relative(file)} imports '${found.specifier}': ${why}`];
    }),
  );
}

describe('import rules of the layers', () => {
  it('reads imports of every kind and tells a repository from a pure module', () => {
    const checkoutPage = importsOf(path.join(srcDir, 'views/checkout/checkout-page.ts'));
    expect(checkoutPage).toContainEqual({ specifier: '../../domain/cart/read.js', target: path.join(srcDir, 'domain/cart/read.ts'), typeOnly: true });
    expect(checkoutPage.some((found) => found.specifier === '../html.js' && !found.typeOnly)).toBe(true);
    expect(touchesDatabase(path.join(srcDir, 'domain/cart/read.ts'))).toBe(true);
    expect(touchesDatabase(path.join(srcDir, 'domain/orders/place-order.ts'))).toBe(true);
    expect(touchesDatabase(path.join(srcDir, 'domain/catalog/stock.ts'))).toBe(false);
    expect(touchesDatabase(path.join(srcDir, 'domain/orders/summary.ts'))).toBe(false);
  });

  it('views receive values: no database, request, cookie or repository code under views/', () => {
    const found = violations('views', (entry) => {
      if (isUnder(entry.target, 'db')) return 'the database belongs to the domain';
      if (isUnder(entry.target, 'routes') || isUnder(entry.target, 'plugins') || httpPackages(entry.specifier)) return 'requests, replies and cookies belong to the routes';
      if (databaseDrivers.has(entry.specifier)) return 'the database belongs to the domain';
      if (isUnder(entry.target, 'domain') && !entry.typeOnly && entry.target !== null && touchesDatabase(entry.target)) {
        return 'that module reads the database: take its types with `import type`, or move the pure part out of it';
      }
      return null;
    });
    expect(found).toEqual([]);
  });

  it('the domain knows no HTTP and no pages: nothing under domain/ imports views/, routes/ or plugins/', () => {
    const found = violations('domain', (entry) => {
      if (isUnder(entry.target, 'views') || isUnder(entry.target, 'routes') || isUnder(entry.target, 'plugins')) return 'the domain is called by the routes, never the other way';
      if (httpPackages(entry.specifier)) return 'no HTTP in the domain';
      return null;
    });
    expect(found).toEqual([]);
  });
});
