/**
 * Shorthand properties that name an earlier cell's variable. tslab runs each cell in a function
 * and rewrites references to earlier cells' variables `x` into `exports.x`, but it does not see
 * the value side of a shorthand property: `{ model }` stays as is and fails at run time with
 * `ReferenceError: model is not defined` (with or without top-level `await`). Before tslab
 * compiles a cell, this pass writes every shorthand property of an object literal in full,
 * `{ model }` -> `{ model: model }`, which means the same thing and which tslab rewrites to
 * `{ model: exports.model }`.
 *
 * Untouched: binding patterns (`const { a } = obj`, parameters), which declare names, and
 * destructuring assignments (`({ a } = obj)`, `for ({ a } of list)`), whose object literals are
 * patterns too. Cells without shorthand properties reach tslab unchanged, and a cell that fails
 * to compile is compiled again as written, so its errors point at what the user typed.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter } from "tslab/dist/converter";

/** Wraps a converter so that `convert` compiles cells with their shorthand properties expanded. */
export function expandingShorthand(ts: typeof TypeScript): (converter: Converter) => Converter {
  return (converter) => ({
    convert: (prevDecl, src) => {
      const expanded = expandShorthand(ts, src);
      if (expanded === src) return converter.convert(prevDecl, src);
      const result = converter.convert(prevDecl, expanded);
      return result.diagnostics.length > 0 ? converter.convert(prevDecl, src) : result;
    },
    inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
    complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
    addModule: (name, content, meta) => converter.addModule(name, content, meta),
    close: () => converter.close(),
  });
}

/**
 * `src` with each shorthand property of an object literal written as `name: name`, e.g.
 * `f({ model, optimizer: opt })` -> `f({ model: model, optimizer: opt })`; nested literals and
 * literals inside functions too. Returns `src` itself when there is nothing to expand.
 */
export function expandShorthand(ts: typeof TypeScript, src: string): string {
  const file = ts.createSourceFile("cell.ts", src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const names: TypeScript.Identifier[] = [];
  const visit = (node: TypeScript.Node): void => {
    if (ts.isObjectLiteralExpression(node) && !isAssignmentPattern(ts, node)) {
      for (const property of node.properties) {
        if (isPlainShorthand(ts, property)) names.push(property.name);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (names.length === 0) return src;
  let out = "";
  let from = 0;
  for (const name of names.sort((a, b) => a.end - b.end)) {
    // The name as written (it may contain unicode escapes), repeated as the value.
    out += `${src.slice(from, name.end)}: ${src.slice(name.getStart(file), name.end)}`;
    from = name.end;
  }
  return out + src.slice(from);
}

/** `{ a }` with a name, not `{ a = 1 }` (only valid in a pattern). */
function isPlainShorthand(
  ts: typeof TypeScript,
  property: TypeScript.ObjectLiteralElementLike,
): property is TypeScript.ShorthandPropertyAssignment {
  return (
    ts.isShorthandPropertyAssignment(property) &&
    property.objectAssignmentInitializer === undefined &&
    property.name.end > property.name.getStart()
  );
}

/**
 * Whether an object or array literal is the target of a destructuring assignment: the left of
 * `=`, the target of `for (... of/in ...)`, or an element, property value or rest of such a target.
 */
function isAssignmentPattern(ts: typeof TypeScript, node: TypeScript.Expression): boolean {
  const parent = node.parent;
  if (ts.isBinaryExpression(parent)) {
    return parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
  }
  if (ts.isForOfStatement(parent) || ts.isForInStatement(parent)) return parent.initializer === node;
  if (ts.isPropertyAssignment(parent)) return parent.initializer === node && isAssignmentPattern(ts, parent.parent);
  if (ts.isArrayLiteralExpression(parent)) return isAssignmentPattern(ts, parent);
  if (ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent)) return isAssignmentPattern(ts, parent.parent);
  return false;
}
