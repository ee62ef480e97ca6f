/**
 * Where a runtime error happened, in the cell's own lines. tslab runs each cell's compiled
 * JavaScript through `vm.runInThisContext` without a file name, so stack frames read
 * `evalmachine.<anonymous>:6:41`, lines of the compiled code. Here every cell's code is run under
 * the name `In[n]` (its execution count) and its TypeScript source and compiled output are kept.
 * A frame's line is mapped back with a source map: the cell is compiled again on its own by
 * `ts.transpileModule` with a source map, tslab's output is aligned with that compilation line by
 * line (they differ only in `exports.` prefixes and in the lines that export the cell's names),
 * and the map gives the line in the cell.
 */
import vm from "node:vm";
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter } from "tslab/dist/converter";
import { alignLines, originalLines } from "./line-map";

/** The code tslab runs for a cell starts with one of these (see tslab's executor). */
const CELL_WRAPPERS = ["(function(exports, require) { ", "(async function(exports, require) { "];

/** One compiled cell, its map computed when first needed. */
interface CellSource {
  src: string;
  output: string;
  /** Cell line (1-based) of each output line (index 0 is output line 1), or undefined. */
  lines?: (number | undefined)[];
}

/** The cells run so far, by the file name their frames carry. */
export class CellSources {
  private readonly cells = new Map<string, CellSource>();
  private last: CellSource | undefined;

  constructor(
    private readonly ts: typeof TypeScript,
    private readonly currentCount: () => number | undefined,
  ) {}

  /** Wraps a converter so that each compiled cell is remembered until it runs. */
  wrap(converter: Converter): Converter {
    return {
      convert: (prevDecl, src) => {
        const result = converter.convert(prevDecl, src);
        this.last = result.output === undefined ? undefined : { src, output: result.output };
        return result;
      },
      inspect: (prevDecl, src, position) => converter.inspect(prevDecl, src, position),
      complete: (prevDecl, src, position) => converter.complete(prevDecl, src, position),
      addModule: (name, content, meta) => converter.addModule(name, content, meta),
      close: () => converter.close(),
    };
  }

  /** Names the code of each cell `In[n]` when tslab runs it. */
  install(): void {
    const run = vm.runInThisContext;
    vm.runInThisContext = (code: string, options?: vm.RunningScriptOptions | string): unknown => {
      const count = this.currentCount();
      const isCell = CELL_WRAPPERS.some((w) => code.startsWith(w)) && typeof options === "object" && options.filename === undefined;
      if (!isCell || count === undefined || this.last === undefined) return run(code, options);
      const filename = `In[${count}]`;
      this.cells.set(filename, this.last);
      return run(code, { ...options, filename });
    };
  }

  /** The cell line and its text for line `line` of the code run as `file`, if known. */
  locate(file: string, line: number): { line: number; text: string } | undefined {
    const cell = this.cells.get(file);
    if (cell === undefined) return undefined;
    cell.lines ??= this.mapLines(cell);
    const found = cell.lines[line - 1];
    if (found === undefined) return undefined;
    return { line: found, text: cell.src.split("\n")[found - 1] ?? "" };
  }

  private mapLines(cell: CellSource): (number | undefined)[] {
    const compiled = this.ts.transpileModule(cell.src, {
      fileName: "cell.ts",
      reportDiagnostics: false,
      compilerOptions: {
        module: this.ts.ModuleKind.CommonJS,
        target: this.ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: true,
        newLine: this.ts.NewLineKind.LineFeed,
      },
    });
    const toCell = originalLines(compiled.sourceMapText ?? "");
    const aligned = alignLines(cell.output.split("\n"), compiled.outputText.split("\n"));
    return aligned.map((mine) => (mine === undefined ? undefined : toCell[mine]));
  }
}

/** The registry the error formatter reads (one kernel per process). */
let registry: CellSources | undefined;

/** Makes `sources` the registry `locateFrame` reads. */
export function useCellSources(sources: CellSources): void {
  registry = sources;
}

/** The cell line of a frame in `file` at `line`, through the registry. */
export function locateFrame(file: string, line: number): { line: number; text: string } | undefined {
  return registry?.locate(file, line);
}
