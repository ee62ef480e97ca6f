/**
 * Optional strict type checking (kernel spec "seqgrad-strict", or SEQGRAD_STRICT=1). tslab
 * compiles with fixed options and `strict` off; this check runs first, on the same inputs as
 * tslab's converter (declarations of earlier cells + the cell), with `strict: true`, and reports
 * its errors as the cell's compile errors. Cells that pass are then compiled by tslab unchanged.
 */
import { dirname, join } from "node:path";
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter, Diagnostic } from "tslab/dist/converter";

/** Marks both virtual files as modules, as tslab does; diagnostics are shifted back by it. */
const PREFIX = "export {};\n";

/** Wraps a converter so that `convert` fails on strict-mode errors. */
export function strictChecking(ts: typeof TypeScript): (converter: Converter) => Converter {
  return (converter) => {
    const check = createStrictCheck(ts, process.cwd());
    return {
      convert: (prevDecl, src) => {
        const diagnostics = check(prevDecl, src);
        return diagnostics.length > 0 ? { diagnostics } : converter.convert(prevDecl, src);
      },
      inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
      addModule: (name, content, meta) => converter.addModule(name, content, meta),
      close: () => converter.close(),
    };
  };
}

/** A language service over two in-memory files, reused from cell to cell. */
function createStrictCheck(ts: typeof TypeScript, cwd: string): (prevDecl: string, src: string) => Diagnostic[] {
  const declName = join(cwd, "__seqgrad_prev__.d.ts");
  const cellName = join(cwd, "__seqgrad_cell__.ts");
  const files = new Map<string, string>([
    [declName, PREFIX],
    [cellName, PREFIX],
  ]);
  let version = 0;
  const options: TypeScript.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2022.d.ts"],
    esModuleInterop: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    typeRoots: typeRoots(ts, cwd),
  };
  const host: TypeScript.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [declName, cellName],
    getScriptVersion: (name) => (files.has(name) ? String(version) : "0"),
    getScriptSnapshot: (name) => {
      const text = files.get(name) ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => cwd,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
    directoryExists: (name) => ts.sys.directoryExists(name),
    getDirectories: (name) => ts.sys.getDirectories(name),
    realpath: (name) => (ts.sys.realpath === undefined ? name : ts.sys.realpath(name)),
  };
  const service = ts.createLanguageService(host);
  return (prevDecl, src) => {
    files.set(declName, PREFIX + prevDecl);
    files.set(cellName, PREFIX + src);
    version++;
    const program = service.getProgram();
    const cell = program?.getSourceFile(cellName);
    const decl = program?.getSourceFile(declName);
    if (program === undefined || cell === undefined || decl === undefined) return [];
    // Earlier cells' declarations form the scope around the cell (tslab resolves names the same way).
    Object.defineProperty(cell, "parent", { value: decl, configurable: true, writable: true });
    const found = [...program.getSyntacticDiagnostics(cell), ...program.getSemanticDiagnostics(cell)];
    return found.map((d) => toTslabDiagnostic(ts, cell, d));
  };
}

/** The `@types` folders above `cwd`, or tslab's own when none has Node's types (as tslab does). */
function typeRoots(ts: typeof TypeScript, cwd: string): string[] {
  const roots: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    const root = join(dir, "node_modules", "@types");
    if (ts.sys.directoryExists(root)) roots.push(root);
    if (dirname(dir) === dir) break;
  }
  if (roots.some((root) => ts.sys.fileExists(join(root, "node", "package.json")))) return roots;
  return [...roots, join(dirname(require.resolve("tslab/package.json")), "node_modules", "@types")];
}

function toTslabDiagnostic(ts: typeof TypeScript, cell: TypeScript.SourceFile, d: TypeScript.Diagnostic): Diagnostic {
  const position = (offset: number): Diagnostic["start"] => {
    const { line, character } = ts.getLineAndCharacterOfPosition(cell, offset);
    return { offset: offset - PREFIX.length, line: line - 1, character };
  };
  const start = d.start ?? PREFIX.length;
  return {
    start: position(start),
    end: position(start + (d.length ?? 0)),
    messageText: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    category: d.category,
    code: d.code,
  };
}
