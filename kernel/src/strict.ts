/**
 * Optional strict type checking (kernel spec "seqgrad-strict", or SEQGRAD_STRICT=1). tslab
 * compiles with fixed options and `strict` off; this check runs first, on the same inputs as
 * tslab's converter (declarations of earlier cells + the cell), with `strict: true`, and reports
 * its errors as the cell's compile errors. Cells that pass are then compiled by tslab unchanged.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter, Diagnostic } from "tslab/dist/converter";
import { CELL_PREFIX, cellCompilerOptions, createCellService } from "./cell-service";


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

/** Checks a cell in strict mode with its own language service, reused from cell to cell. */
function createStrictCheck(ts: typeof TypeScript, cwd: string): (prevDecl: string, src: string) => Diagnostic[] {
  const update = createCellService(ts, cwd, cellCompilerOptions(ts, cwd, true));
  return (prevDecl, src) => {
    const found = update(prevDecl, src);
    if (found === undefined) return [];
    const { program, cell } = found;
    const diagnostics = [...program.getSyntacticDiagnostics(cell), ...program.getSemanticDiagnostics(cell)];
    return diagnostics.map((d) => toTslabDiagnostic(ts, cell, d));
  };
}

function toTslabDiagnostic(ts: typeof TypeScript, cell: TypeScript.SourceFile, d: TypeScript.Diagnostic): Diagnostic {
  const position = (offset: number): Diagnostic["start"] => {
    const { line, character } = ts.getLineAndCharacterOfPosition(cell, offset);
    return { offset: offset - CELL_PREFIX.length, line: line - 1, character };
  };
  const start = d.start ?? CELL_PREFIX.length;
  return {
    start: position(start),
    end: position(start + (d.length ?? 0)),
    messageText: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    category: d.category,
    code: d.code,
  };
}
