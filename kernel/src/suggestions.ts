/**
 * "Did you mean" for misspelt names in compile errors, from the names actually there: the
 * variables, imports and globals in scope (`lsmt` -> `lstm`), the members of the object before
 * the dot (`nn.GUR` -> `GRU`), the exports of an imported module, and the options an object
 * literal may set (`hiddenSze` -> `hiddenSize`). TypeScript suggests for some of these only.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter, Diagnostic } from "tslab/dist/converter";
import { CELL_PREFIX } from "./cell-service";
import type { CellProgram } from "./cell-service";

type TS = typeof TypeScript;

/** Cannot find name; property does not exist on type; no exported member; unknown object property. */
const UNKNOWN_NAME = 2304;
const UNKNOWN_PROPERTY = 2339;
const UNKNOWN_EXPORT = 2305;
const UNKNOWN_OPTION = 2353;
const HANDLED = new Set([UNKNOWN_NAME, UNKNOWN_PROPERTY, UNKNOWN_EXPORT, UNKNOWN_OPTION]);

/** Wraps a converter so that its unknown-name errors end with a suggestion when one is close. */
export function suggestingNames(ts: TS, programOf: (prevDecl: string, src: string) => CellProgram | undefined): (converter: Converter) => Converter {
  return (converter) => ({
    convert: (prevDecl, src) => {
      const result = converter.convert(prevDecl, src);
      if (!result.diagnostics.some((d) => HANDLED.has(d.code))) return result;
      const found = programOf(prevDecl, src);
      if (found === undefined) return result;
      return { ...result, diagnostics: result.diagnostics.map((d) => withSuggestion(ts, found, d)) };
    },
    inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
    addModule: (name, content, meta) => converter.addModule(name, content, meta),
    close: () => converter.close(),
  });
}

function withSuggestion(ts: TS, found: CellProgram, diagnostic: Diagnostic): Diagnostic {
  if (!HANDLED.has(diagnostic.code) || diagnostic.fileName !== undefined) return diagnostic;
  const id = identifierAt(ts, found.cell, diagnostic.start.offset + CELL_PREFIX.length);
  if (id === undefined) return diagnostic;
  const best = closest(id.text, candidates(ts, found, id, diagnostic.code));
  return best === undefined ? diagnostic : { ...diagnostic, messageText: `${diagnostic.messageText} Did you mean '${best}'?` };
}

/** The names `id` could have meant, for the kind of error. */
function candidates(ts: TS, found: CellProgram, id: TypeScript.Identifier, code: number): string[] {
  const { checker } = found;
  const parent = id.parent;
  if (code === UNKNOWN_PROPERTY && ts.isPropertyAccessExpression(parent)) {
    const type = checker.getApparentType(checker.getTypeAtLocation(parent.expression));
    return checker.getPropertiesOfType(type).map((p) => p.getName());
  }
  if (code === UNKNOWN_OPTION && ts.isObjectLiteralElementLike(parent) && ts.isObjectLiteralExpression(parent.parent)) {
    const expected = checker.getContextualType(parent.parent);
    return expected === undefined ? [] : checker.getPropertiesOfType(checker.getNonNullableType(expected)).map((p) => p.getName());
  }
  if (code === UNKNOWN_EXPORT) {
    let node: TypeScript.Node = id;
    while (!ts.isImportDeclaration(node) && node.parent !== undefined) node = node.parent;
    const module = ts.isImportDeclaration(node) ? checker.getSymbolAtLocation(node.moduleSpecifier) : undefined;
    return module === undefined ? [] : checker.getExportsOfModule(module).map((s) => s.getName());
  }
  const flags = ts.SymbolFlags.Value | ts.SymbolFlags.Alias;
  return checker.getSymbolsInScope(id, flags).map((s) => s.getName());
}

function identifierAt(ts: TS, cell: TypeScript.SourceFile, pos: number): TypeScript.Identifier | undefined {
  let found: TypeScript.Identifier | undefined;
  const visit = (node: TypeScript.Node): void => {
    if (node.getStart(cell) > pos || node.end <= pos) return;
    if (ts.isIdentifier(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(cell);
  return found;
}

/** The candidate nearest to `name`: same letters in another case, else the fewest edits allowed. */
export function closest(name: string, names: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = names.find((n) => n !== name && n.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  const allowed = Math.max(1, Math.floor(name.length * 0.34));
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of names) {
    if (candidate === name || Math.abs(candidate.length - name.length) > allowed) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) turning `a` into `b`. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = rows[i] ?? [];
      const above = rows[i - 1] ?? [];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j] ?? 0, (rows[i - 2]?.[j - 2] ?? 0) + 1);
    }
  }
  return rows[a.length]?.[b.length] ?? 0;
}
