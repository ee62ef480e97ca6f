/**
 * The `complete_reply` with what JupyterLab needs to show kind badges: tslab's candidates, each
 * with its kind in `metadata._jupyter_types_experimental` (`function`, `class`, `property`,
 * `variable`, `keyword`, `module`, ...), as IPython sends them. Imported names (TypeScript's kind
 * `alias`) take the kind of what they import. The documentation beside the list comes from
 * `inspect_request`s the lab sends for the selected item.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { CompletionInfo } from "tslab/dist/converter";
import { CELL_PREFIX } from "./cell-service";
import type { CellProgram } from "./cell-service";
import { isConstructorValue } from "./inspection";

/** One entry of `_jupyter_types_experimental`. */
export interface CompletionType {
  start: number;
  end: number;
  text: string;
  type: string;
}

/** TypeScript's element kinds (`ts.ScriptElementKind`) as Jupyter completion types. */
const KIND_TYPES: Readonly<Record<string, string>> = {
  function: "function",
  "local function": "function",
  method: "function",
  construct: "function",
  call: "function",
  class: "class",
  "local class": "class",
  interface: "interface",
  type: "type",
  enum: "enum",
  "enum member": "property",
  "type parameter": "type",
  property: "property",
  getter: "property",
  setter: "property",
  accessor: "property",
  var: "variable",
  let: "variable",
  const: "variable",
  "local var": "variable",
  "using": "variable",
  parameter: "variable",
  keyword: "keyword",
  module: "module",
  "external module name": "module",
  string: "text",
};

/** The reply content for tslab's completion `info`; `found` resolves imported names. */
export function completeReply(ts: typeof TypeScript, info: CompletionInfo, found: CellProgram | undefined): object {
  const kinds = new Map<string, string>();
  for (const entry of info.original?.entries ?? []) {
    if (!kinds.has(entry.name)) kinds.set(entry.name, entry.kind);
  }
  const resolve = found === undefined ? (): string => "variable" : aliasResolver(ts, found, info.start + CELL_PREFIX.length);
  const types: CompletionType[] = info.candidates.map((name) => {
    const kind = kinds.get(name) ?? "";
    const type = kind === "alias" ? resolve(name) : (KIND_TYPES[kind] ?? "variable");
    return { start: info.start, end: info.end, text: name, type };
  });
  return {
    status: "ok",
    matches: info.candidates,
    cursor_start: info.start,
    cursor_end: info.end,
    metadata: { _jupyter_types_experimental: types },
  };
}

/**
 * The kind of an imported or re-exported name: a member of the object before the dot at `pos`
 * (`nn.` -> `LSTM` is a class), else a name in the cell's scope (`nn` is a module).
 */
function aliasResolver(ts: typeof TypeScript, found: CellProgram, pos: number): (name: string) => string {
  const { checker, cell } = found;
  const left = expressionBeforeDot(ts, cell, pos);
  if (left !== undefined) {
    const type = checker.getTypeAtLocation(left);
    return (name) => {
      const member = checker.getPropertyOfType(type, name);
      return member === undefined ? "variable" : kindOf(ts, checker, member, left);
    };
  }
  const location = cell.statements[cell.statements.length - 1] ?? cell;
  const inScope = new Map(checker.getSymbolsInScope(location, ts.SymbolFlags.Alias).map((s) => [s.getName(), s]));
  return (name) => {
    const symbol = inScope.get(name);
    return symbol === undefined ? "variable" : kindOf(ts, checker, symbol, location);
  };
}

/** The `x` of `x.` or `x.na` when the completion starts at `pos`. */
function expressionBeforeDot(ts: typeof TypeScript, cell: TypeScript.SourceFile, pos: number): TypeScript.Expression | undefined {
  let found: TypeScript.Expression | undefined;
  const visit = (node: TypeScript.Node): void => {
    if (node.pos > pos || node.end < pos) return;
    if (ts.isPropertyAccessExpression(node) && node.name.getStart(cell) === pos) found = node.expression;
    ts.forEachChild(node, visit);
  };
  visit(cell);
  return found;
}

function kindOf(ts: typeof TypeScript, checker: TypeScript.TypeChecker, symbol: TypeScript.Symbol, at: TypeScript.Node): string {
  const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const flags = target.flags;
  if (flags & ts.SymbolFlags.Class || isConstructorValue(ts, checker, target, at)) return "class";
  if (flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Method)) return "function";
  if (flags & ts.SymbolFlags.Module) return "module";
  if (flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) return "type";
  if (flags & ts.SymbolFlags.Property) return "property";
  return "variable";
}
