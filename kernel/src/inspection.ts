/**
 * What Shift+Tab shows (`inspect_request`): the name under the cursor, or, when the cursor sits
 * inside a call's parentheses (`new nn.LSTM(|`, `viz.attention(x, |`), the function or class being
 * called. A class shows its documentation and its constructor; every call signature shows its
 * documentation, its parameters and, for an options object, each option with its type, default
 * and documentation. The result is a list of sections that `doc-render.ts` writes as markdown and
 * as plain text.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import { CELL_PREFIX } from "./cell-service";
import type { CellProgram } from "./cell-service";
import type { DocSection, OptionDoc, SignatureDoc } from "./doc-render";
import { publicNames } from "./public-names";

type TS = typeof TypeScript;

/** The documentation at `position` (an offset into the cell), or undefined when there is none. */
export function inspectAt(ts: TS, found: CellProgram, position: number): DocSection | undefined {
  const pos = position + CELL_PREFIX.length;
  const { checker, cell } = found;
  const id = identifierAt(ts, cell, pos);
  if (id !== undefined) {
    const symbol = symbolOf(ts, checker, id);
    if (symbol !== undefined) return describeSymbol(ts, checker, symbol, id, writtenName(ts, cell, id));
  }
  // In an unfinished call (`new nn.GRU({ inputSize: 3, |`) the cursor may follow trailing spaces.
  let before = pos;
  while (before > CELL_PREFIX.length && /\s/.test(cell.text[before - 1] ?? "")) before--;
  const call = enclosingCall(ts, cell, before);
  if (call === undefined) return undefined;
  const callee = ts.isPropertyAccessExpression(call.expression) ? call.expression.name : call.expression;
  const symbol = symbolOf(ts, checker, callee);
  if (symbol !== undefined) return describeSymbol(ts, checker, symbol, call, writtenName(ts, cell, callee));
  // A callee without a declaration (an `any` value) has nothing to show.
  const signature = checker.getResolvedSignature(call);
  if (signature === undefined || signature.getDeclaration() === undefined) return undefined;
  const described = describeSignature(ts, checker, signature, call, writtenName(ts, cell, callee));
  return { heading: described.text, docs: "", signatures: [{ ...described, text: "" }].filter((s) => s.docs !== "" || s.options.length > 0) };
}

/** The identifier the cursor touches (inside it or right after it). */
function identifierAt(ts: TS, cell: TypeScript.SourceFile, pos: number): TypeScript.Identifier | undefined {
  let found: TypeScript.Identifier | undefined;
  const visit = (node: TypeScript.Node): void => {
    if (node.getStart(cell) > pos || node.end < pos) return;
    if (ts.isIdentifier(node)) found = node;
    ts.forEachChild(node, visit);
  };
  visit(cell);
  return found;
}

/** The innermost call or `new` whose parentheses hold the cursor. */
function enclosingCall(ts: TS, cell: TypeScript.SourceFile, pos: number): TypeScript.CallExpression | TypeScript.NewExpression | undefined {
  let found: TypeScript.CallExpression | TypeScript.NewExpression | undefined;
  const visit = (node: TypeScript.Node): void => {
    if (node.getStart(cell) > pos || node.end < pos) return;
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments !== undefined) {
      const open = node.arguments.pos;
      const closed = node.end > open && cell.text[node.end - 1] === ")";
      if (pos >= open && (!closed || pos < node.end)) found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(cell);
  return found;
}

/** The name as the cell writes it: `viz.attention` rather than the declaration's `attentionFigure`. */
function writtenName(ts: TS, cell: TypeScript.SourceFile, node: TypeScript.Node): string {
  const parent = node.parent;
  const qualified = ts.isPropertyAccessExpression(parent) && parent.name === node && ts.isIdentifier(parent.expression);
  return (qualified ? parent : node).getText(cell);
}

function symbolOf(ts: TS, checker: TypeScript.TypeChecker, node: TypeScript.Node): TypeScript.Symbol | undefined {
  const option = optionAt(ts, checker, node);
  if (option !== undefined) return option;
  const symbol = checker.getSymbolAtLocation(node);
  if (symbol === undefined) return undefined;
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The option a property name of an object literal sets (`{ hiddenSize: 8 }`), from the expected type. */
function optionAt(ts: TS, checker: TypeScript.TypeChecker, node: TypeScript.Node): TypeScript.Symbol | undefined {
  const property = node.parent;
  if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return undefined;
  if (property.name !== node || !ts.isObjectLiteralExpression(property.parent)) return undefined;
  const expected = checker.getContextualType(property.parent);
  return expected === undefined ? undefined : checker.getPropertyOfType(checker.getNonNullableType(expected), property.name.getText());
}

/** A class (documentation and constructors), a function, a namespace or a value with its type. */
function describeSymbol(ts: TS, checker: TypeScript.TypeChecker, symbol: TypeScript.Symbol, at: TypeScript.Node, name: string): DocSection {
  const docs = documentation(ts, symbol.getDocumentationComment(checker), symbol.getJsDocTags(checker));
  if (symbol.flags & ts.SymbolFlags.Class || isConstructorValue(ts, checker, symbol, at)) {
    const type = checker.getTypeOfSymbolAtLocation(symbol, at);
    const ctors = type.getConstructSignatures().map((s) => describeSignature(ts, checker, s, at, `new ${name}`, name));
    return { heading: `class ${name}`, docs, signatures: ctors };
  }
  if (symbol.flags & (ts.SymbolFlags.Module | ts.SymbolFlags.Enum)) {
    const members = checker.getExportsOfModule(symbol).map((m) => m.getName()).filter((m) => !m.startsWith("_"));
    const kind = symbol.flags & ts.SymbolFlags.Enum ? "enum" : "namespace";
    return { heading: `${kind} ${name}`, docs, signatures: [], members };
  }
  const type = checker.getTypeOfSymbolAtLocation(symbol, at);
  const calls = type.getCallSignatures();
  if (calls.length > 0 && symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Method)) {
    const signatures = calls.map((s) => describeSignature(ts, checker, s, at, name));
    // A function's documentation is its signatures'; the symbol's own is shown when they have none.
    return { heading: `function ${name}`, docs: signatures.every((s) => s.docs === "") ? docs : "", signatures };
  }
  const typeText = publicNames(checker.typeToString(type, at, ts.TypeFormatFlags.NoTruncation));
  const signatures = calls.map((s) => describeSignature(ts, checker, s, at, name));
  return { heading: `${kindWord(ts, symbol)} ${name}: ${typeText}`, docs, signatures };
}

/**
 * A constant that is a class to its users: constructible, not callable (`nn.LSTM`, exported as a
 * constant whose constructor type gives each instance the parameters its options make).
 */
export function isConstructorValue(ts: TS, checker: TypeScript.TypeChecker, symbol: TypeScript.Symbol, at: TypeScript.Node): boolean {
  if (!(symbol.flags & ts.SymbolFlags.Variable)) return false;
  const type = checker.getTypeOfSymbolAtLocation(symbol, at);
  return type.getConstructSignatures().length > 0 && type.getCallSignatures().length === 0;
}

function kindWord(ts: TS, symbol: TypeScript.Symbol): string {
  if (symbol.flags & ts.SymbolFlags.Property) return "(property)";
  if (symbol.flags & ts.SymbolFlags.Interface) return "interface";
  if (symbol.flags & ts.SymbolFlags.TypeAlias) return "type";
  const declaration = symbol.valueDeclaration;
  if (declaration === undefined || !ts.isVariableDeclaration(declaration)) return "(value)";
  const flags = declaration.parent.flags;
  return flags & ts.NodeFlags.Const ? "const" : flags & ts.NodeFlags.Let ? "let" : "var";
}

/** One signature: its text, documentation, parameters and the options of object parameters. */
function describeSignature(
  ts: TS,
  checker: TypeScript.TypeChecker,
  signature: TypeScript.Signature,
  at: TypeScript.Node,
  name: string,
  constructs?: string,
): SignatureDoc {
  const docs = documentation(ts, signature.getDocumentationComment(checker), signature.getJsDocTags());
  const options: { parameter: string; typeName: string; options: OptionDoc[] }[] = [];
  const parameters: string[] = [];
  for (const parameter of signature.getParameters()) {
    // A generic parameter (`options: O`, O extends RecurrentOptions) lists its constraint's options.
    const declared = checker.getTypeOfSymbolAtLocation(parameter, at);
    const type = checker.getNonNullableType(checker.getBaseConstraintOfType(declared) ?? declared);
    const optional = parameter.valueDeclaration !== undefined && ts.isParameter(parameter.valueDeclaration) && parameter.valueDeclaration.questionToken !== undefined;
    parameters.push(`${parameter.getName()}${optional ? "?" : ""}: ${checker.typeToString(type, at)}`);
    const listed = optionsOf(ts, checker, type, at);
    if (listed.length > 0) options.push({ parameter: parameter.getName(), typeName: publicNames(checker.typeToString(type, at)), options: listed });
  }
  // A generic constructor (`new <const O extends RecurrentOptions>(options: O)`, which types the
  // instance by its options) reads as the class it makes: `new nn.LSTM(options: nn.RecurrentOptions): nn.LSTM`.
  const generic = constructs !== undefined && (signature.getTypeParameters()?.length ?? 0) > 0;
  const text = generic ? `(${parameters.join(", ")}): ${constructs}` : checker.signatureToString(signature, at, ts.TypeFormatFlags.NoTruncation);
  return { text: publicNames(`${name}${text}`), docs, options };
}

/** The properties of an options object type (not of arrays, tensors or functions). */
function optionsOf(ts: TS, checker: TypeScript.TypeChecker, type: TypeScript.Type, at: TypeScript.Node): OptionDoc[] {
  if (!(type.flags & ts.TypeFlags.Object) || type.getCallSignatures().length > 0) return [];
  if (checker.isArrayType(type) || checker.isTupleType(type)) return [];
  const symbol = type.getSymbol() ?? type.aliasSymbol;
  const isLiteralLike = symbol !== undefined && symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeLiteral);
  if (!isLiteralLike && type.aliasSymbol === undefined) return [];
  return checker.getPropertiesOfType(type).map((property) => {
    const tags = property.getJsDocTags(checker);
    const fallback = tags.find((t) => t.name === "default" || t.name === "defaultValue");
    return {
      name: property.getName(),
      type: publicNames(checker.typeToString(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, at)), at)),
      optional: (property.flags & ts.SymbolFlags.Optional) !== 0,
      defaultValue: fallback === undefined ? undefined : ts.displayPartsToString(fallback.text),
      docs: ts.displayPartsToString(property.getDocumentationComment(checker)),
    };
  });
}

/** Documentation text followed by its tags (`@example` as code, `@param` as a list item). */
function documentation(ts: TS, comment: TypeScript.SymbolDisplayPart[], tags: TypeScript.JSDocTagInfo[]): string {
  const parts = [ts.displayPartsToString(comment)];
  for (const tag of tags) {
    const text = ts.displayPartsToString(tag.text);
    if (tag.name === "example") parts.push(`Example:\n\`\`\`typescript\n${text.replace(/^\s*```\w*\n?|```\s*$/g, "").trim()}\n\`\`\``);
    else if (tag.name === "param") parts.push(`- \`${text.replace(/^(\S+)\s*-?\s*/, "$1\` ")}`);
    else if (tag.name !== "default" && tag.name !== "defaultValue") parts.push(`*@${tag.name}* ${text}`);
  }
  return parts.filter((p) => p.trim() !== "").join("\n\n");
}
