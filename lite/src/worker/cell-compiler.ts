/**
 * Compiles a notebook cell for the browser kernel. TypeScript's `transpileModule` removes the
 * types (no type check: that needs every earlier cell and the library's declarations, which the
 * language service loads on demand); then the cell's top level is rewritten so its names outlive
 * the cell, as in the Node kernel where later cells see earlier declarations:
 * - `const/let/var a = 1, { b } = f()` becomes `;(a = 1, { b } = f())`: assignments to the
 *   kernel's scope object, which every cell runs inside (`with`), so re-running a cell works;
 * - `class C {}` becomes `C = class C {};`;
 * - `function f() {}` stays a (hoisted) declaration and is copied to the scope when the cell starts;
 * - `import { a, b as c } from "seqgrad"` becomes `;({ a, b: c } = __import("seqgrad"))`;
 * - the last expression statement becomes the cell's value (`return (...)`).
 * Every edit keeps the line count, so the emitted line maps back to the cell through the source map.
 */
import ts from "typescript";
import { sourceLines } from "./line-map";

/** A compiled cell. */
export interface CompiledCell {
  /** The body of the async function the cell runs as. */
  body: string;
  /** The names the cell declares at its top level (created on the scope before it runs). */
  names: string[];
  /** Hoisted function names, copied from the cell's locals to the scope first. */
  functions: string[];
  /** For each line of `body` (0-based), the cell's line (0-based). */
  lines: number[];
}

/** A compile error at a cell position (1-based line and column). */
export class CellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly all: string[],
  ) {
    super(message);
    this.name = "TSError";
  }
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  // keep every import: a cell may import names it only uses in later cells
  verbatimModuleSyntax: true,
  sourceMap: true,
  inlineSources: false,
};

/** Replace `at..end` by `text`; edits at one position apply in the order they were made. */
interface Edit {
  at: number;
  end: number;
  text: string;
}

/** Compiles the TypeScript `code` of one cell; throws `CellSyntaxError` for syntax errors. */
export function compileCell(code: string): CompiledCell {
  const output = ts.transpileModule(code, { compilerOptions: COMPILER_OPTIONS, fileName: "cell.ts", reportDiagnostics: true });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw syntaxError(errors);
  const js = output.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, "\n");
  const lines = sourceLines(output.sourceMapText ?? '{"mappings":""}');
  const file = ts.createSourceFile("cell.js", js, ts.ScriptTarget.ES2022, true, ts.ScriptKind.JS);
  const names: string[] = [];
  const functions: string[] = [];
  const edits: Edit[] = [];
  const statements = file.statements;
  statements.forEach((statement, index) => {
    const last = index === statements.length - 1;
    rewrite(statement, file, last, { names, functions, edits });
  });
  return { body: applyEdits(js, edits), names: unique(names), functions: unique(functions), lines };
}

interface Collected {
  names: string[];
  functions: string[];
  edits: Edit[];
}

function rewrite(statement: ts.Statement, file: ts.SourceFile, last: boolean, out: Collected): void {
  if (ts.isVariableStatement(statement)) {
    dropExport(statement, file, out.edits);
    const list = statement.declarationList;
    const first = list.declarations[0];
    if (first === undefined) return;
    // `const ` ... up to the first name becomes `;(` (the `;` ends a statement before it that has
    // none, e.g. a rewritten class, which `(` would otherwise call); the list's end gets `)`
    out.edits.push({ at: list.getStart(file), end: first.getStart(file), text: ";(" });
    for (const declaration of list.declarations) {
      collectBindingNames(declaration.name, out.names);
      if (declaration.initializer === undefined) out.edits.push({ at: declaration.name.end, end: declaration.name.end, text: " = undefined" });
    }
    out.edits.push({ at: list.end, end: list.end, text: ")" });
  } else if (ts.isClassDeclaration(statement) && statement.name !== undefined) {
    dropExport(statement, file, out.edits);
    const name = statement.name.text;
    out.names.push(name);
    const classKeyword = statement.getChildren(file).find((child) => child.kind === ts.SyntaxKind.ClassKeyword);
    const at = classKeyword?.getStart(file) ?? statement.getStart(file);
    out.edits.push({ at, end: at, text: `${name} = ` });
    out.edits.push({ at: statement.end, end: statement.end, text: ";" });
  } else if (ts.isFunctionDeclaration(statement) && statement.name !== undefined) {
    dropExport(statement, file, out.edits);
    out.names.push(statement.name.text);
    out.functions.push(statement.name.text);
  } else if (ts.isImportDeclaration(statement)) {
    out.edits.push({ at: statement.getStart(file), end: statement.end, text: importText(statement, file, out.names) });
  } else if (ts.isExportDeclaration(statement) || ts.isExportAssignment(statement)) {
    out.edits.push({ at: statement.getStart(file), end: statement.end, text: keepLines(statement.getText(file), "") });
  } else if (last && ts.isExpressionStatement(statement)) {
    const expression = statement.expression;
    out.edits.push({ at: expression.getStart(file), end: expression.getStart(file), text: "return (" });
    out.edits.push({ at: expression.end, end: expression.end, text: ")" });
  }
}

/** `export const x` is `const x` in a cell. */
function dropExport(statement: ts.Statement, file: ts.SourceFile, edits: Edit[]): void {
  const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) ?? [] : [];
  for (const modifier of modifiers) {
    if (modifier.kind === ts.SyntaxKind.ExportKeyword || modifier.kind === ts.SyntaxKind.DefaultKeyword) {
      edits.push({ at: modifier.getStart(file), end: modifier.end, text: "" });
    }
  }
}

function collectBindingNames(name: ts.BindingName, names: string[]): void {
  if (ts.isIdentifier(name)) {
    names.push(name.text);
    return;
  }
  for (const element of name.elements) {
    if (ts.isBindingElement(element)) collectBindingNames(element.name, names);
  }
}

/** The assignment an import statement becomes, on as many lines as the statement took. */
function importText(statement: ts.ImportDeclaration, file: ts.SourceFile, names: string[]): string {
  const specifier = JSON.stringify((statement.moduleSpecifier as ts.StringLiteral).text);
  const clause = statement.importClause;
  const parts: string[] = [];
  if (clause === undefined) parts.push(`__import(${specifier})`);
  if (clause?.name !== undefined) {
    names.push(clause.name.text);
    parts.push(`${clause.name.text} = __import(${specifier}).default`);
  }
  const bindings = clause?.namedBindings;
  if (bindings !== undefined && ts.isNamespaceImport(bindings)) {
    names.push(bindings.name.text);
    parts.push(`${bindings.name.text} = __import(${specifier})`);
  } else if (bindings !== undefined) {
    const pairs = bindings.elements.map((element) => {
      names.push(element.name.text);
      const imported = element.propertyName?.getText(file) ?? element.name.text;
      return imported === element.name.text ? imported : `${imported}: ${element.name.text}`;
    });
    parts.push(`({ ${pairs.join(", ")} } = __import(${specifier}))`);
  }
  return keepLines(statement.getText(file), `;${parts.join("; ")};`);
}

/** `replacement` followed by as many line breaks as `original` had. */
function keepLines(original: string, replacement: string): string {
  return replacement + "\n".repeat(original.split("\n").length - 1);
}

function applyEdits(text: string, edits: Edit[]): string {
  // from the end, so earlier offsets stay valid; ties: the later-made edit first, so it lands after
  const order = edits.map((edit, index) => ({ edit, index }));
  order.sort((a, b) => b.edit.at - a.edit.at || b.index - a.index);
  let out = text;
  for (const { edit } of order) out = out.slice(0, edit.at) + edit.text + out.slice(edit.end);
  return out;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

function syntaxError(diagnostics: readonly ts.Diagnostic[]): CellSyntaxError {
  const messages = diagnostics.map((d) => {
    const { line, character } = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    return { line: line + 1, column: character + 1, text: ts.flattenDiagnosticMessageText(d.messageText, "\n") };
  });
  const first = messages[0] ?? { line: 1, column: 1, text: "syntax error" };
  return new CellSyntaxError(
    `${first.line}:${first.column} - ${first.text}`,
    first.line,
    first.column,
    messages.map((m) => `${m.line}:${m.column} - ${m.text}`),
  );
}
