/**
 * A TypeScript language service over the same inputs tslab compiles (declarations of earlier cells
 * + the cell), for what tslab's converter does not offer: signature help inside a call, class and
 * option documentation, spelling suggestions, and strict checking. It holds two in-memory files;
 * the cell's file has the declarations' file as its parent, so earlier cells' names are in scope
 * the way tslab resolves them.
 */
import { dirname, join } from "node:path";
import type * as TypeScript from "@tslab/typescript-for-tslab";

/** Marks both virtual files as modules, as tslab does; positions are shifted back by it. */
export const CELL_PREFIX = "export {};\n";

/** The program after an update, with the cell's source file ready for the checker. */
export interface CellProgram {
  readonly service: TypeScript.LanguageService;
  readonly program: TypeScript.Program;
  readonly checker: TypeScript.TypeChecker;
  readonly cell: TypeScript.SourceFile;
  /** The cell's file name, for the language service's position-based calls. */
  readonly fileName: string;
}

/** Updates the service to `prevDecl` + `src` and returns the program, or undefined if none. */
export type CellService = (prevDecl: string, src: string) => CellProgram | undefined;

/** tslab's compiler options (strict off unless `strict`), for a service in `cwd`. */
export function cellCompilerOptions(ts: typeof TypeScript, cwd: string, strict: boolean): TypeScript.CompilerOptions {
  return {
    strict,
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
}

/** A language service over two in-memory files in `cwd`, reused from request to request. */
export function createCellService(ts: typeof TypeScript, cwd: string, options: TypeScript.CompilerOptions): CellService {
  const declName = join(cwd, "__seqgrad_prev__.d.ts");
  const cellName = join(cwd, "__seqgrad_cell__.ts");
  const files = new Map<string, string>([
    [declName, CELL_PREFIX],
    [cellName, CELL_PREFIX],
  ]);
  const versions = new Map<string, number>([
    [declName, 0],
    [cellName, 0],
  ]);
  const host: TypeScript.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [declName, cellName],
    getScriptVersion: (name) => String(versions.get(name) ?? 0),
    getScriptSnapshot: (name) => {
      const text = files.get(name) ?? ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => cwd,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (name) => files.has(name) || ts.sys.fileExists(name),
    readFile: (name) => files.get(name) ?? ts.sys.readFile(name),
    // As tslab does: `<cwd>/node_modules` exists for module resolution even when it does not on
    // disk, so packages shown there (seqgrad outside the repository, tslab) resolve.
    directoryExists: (name) => ts.sys.directoryExists(name) || name === join(cwd, "node_modules"),
    getDirectories: (name) => ts.sys.getDirectories(name),
    realpath: (name) => (ts.sys.realpath === undefined ? name : ts.sys.realpath(name)),
  };
  const service = ts.createLanguageService(host);
  const set = (name: string, text: string): void => {
    if (files.get(name) === text) return;
    files.set(name, text);
    versions.set(name, (versions.get(name) ?? 0) + 1);
  };
  return (prevDecl, src) => {
    set(declName, CELL_PREFIX + prevDecl);
    set(cellName, CELL_PREFIX + src);
    const program = service.getProgram();
    const cell = program?.getSourceFile(cellName);
    const decl = program?.getSourceFile(declName);
    if (program === undefined || cell === undefined || decl === undefined) return undefined;
    // Earlier cells' declarations form the scope around the cell (tslab resolves names the same way).
    Object.defineProperty(cell, "parent", { value: decl, configurable: true, writable: true });
    return { service, program, checker: program.getTypeChecker(), cell, fileName: cellName };
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
