/**
 * The declarations of earlier cells as tslab's executor holds them (`prevDecl`), mirrored here so
 * the kernel's own language service sees the same scope as the cell compiler. The executor passes
 * its `prevDecl` to every `convert` and replaces it with the cell's declarations once the cell ran
 * without error; `commit` repeats that step. A cell that failed while running (an interrupt, an
 * AbortError, any thrown error) instead `adopt`s the declarations it had evaluated: tslab's compiled
 * cell writes each top-level name to its `exports` as it goes (`exports.i = (i++, i)`), so those
 * values are there, and later cells see the names as in IPython. Names the cell never reached
 * still hold `undefined` and are dropped, as if not declared.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Converter } from "tslab/dist/converter";

/** The scope of earlier cells and the converter wrapper that keeps it. */
export class CellScope {
  /** Declarations the executor will pass for the next cell. */
  private current = "";
  /** Declarations of the cell converted last, if it compiled. */
  private pending: string | undefined;
  /** The `prevDecl` the executor passed last. */
  private executorDecl = "";
  /** Declarations to use instead of the executor's, after an adopted cell. */
  private adopted: { instead: string; decl: string } | undefined;

  /** The declarations of earlier cells, as the next cell will see them. */
  get declarations(): string {
    return this.current;
  }

  /** Records the outcome of the cell converted last: its declarations count when it succeeded. */
  commit(ok: boolean): void {
    if (ok && this.pending !== undefined) {
      this.current = this.pending;
      this.adopted = undefined;
    }
    this.pending = undefined;
  }

  /**
   * Keeps the declarations of the cell converted last although it failed at run time, except
   * variables whose value is still undefined (`evaluated` says which have one). Returns the
   * variable names kept.
   */
  adopt(ts: typeof TypeScript, evaluated: (name: string) => boolean): string[] {
    if (this.pending === undefined) return [];
    const { text, kept } = keepEvaluated(ts, this.pending, evaluated);
    this.adopted = { instead: this.executorDecl, decl: text };
    this.current = text;
    this.pending = undefined;
    return kept;
  }

  /** Wraps a converter so that every call sees (and records) this scope. */
  wrap(converter: Converter): Converter {
    return {
      convert: (prevDecl, src) => {
        const result = converter.convert(this.see(prevDecl), src);
        this.pending = result.diagnostics.length === 0 ? (result.declOutput ?? "") : undefined;
        return result;
      },
      inspect: (prevDecl, src, position) => converter.inspect(this.see(prevDecl), src, position),
      complete: (prevDecl, src, position) => converter.complete(this.see(prevDecl), src, position),
      addModule: (name, content, meta) => converter.addModule(name, content, meta),
      close: () => converter.close(),
    };
  }

  /** The executor's `prevDecl`, replaced by adopted declarations while it still predates them. */
  private see(prevDecl: string): string {
    this.executorDecl = prevDecl;
    if (this.adopted !== undefined && prevDecl === this.adopted.instead) return this.adopted.decl;
    this.adopted = undefined;
    this.current = prevDecl;
    return prevDecl;
  }
}

/** `decl` (a .d.ts text) without the variables that have no value yet. */
function keepEvaluated(ts: typeof TypeScript, decl: string, evaluated: (name: string) => boolean): { text: string; kept: string[] } {
  const file = ts.createSourceFile("decl.d.ts", decl, ts.ScriptTarget.ES2022, true);
  const kept: string[] = [];
  const parts: string[] = [];
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) {
      parts.push(statement.getFullText(file));
      continue;
    }
    const names = statement.declarationList.declarations.filter((d) => ts.isIdentifier(d.name) && evaluated(d.name.text));
    const keyword = statement.declarationList.flags & ts.NodeFlags.Const ? "const" : statement.declarationList.flags & ts.NodeFlags.Let ? "let" : "var";
    for (const d of names) {
      kept.push(d.name.getText(file));
      parts.push(`\ndeclare ${keyword} ${d.getText(file)};`);
    }
  }
  return { text: `${parts.join("").trim()}\n`, kept };
}
