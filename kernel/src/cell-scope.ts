/**
 * The declarations of earlier cells as tslab's executor holds them (`prevDecl`), mirrored here so
 * the kernel's own language service sees the same scope as the cell compiler. The executor passes
 * its `prevDecl` to every `convert` and replaces it with the cell's declarations once the cell ran
 * without error; `commit` repeats that step. A cell stopped by an interrupt can `adopt` its
 * declarations: the names it declared stay known to later cells (their values are on tslab's
 * `exports` already), instead of vanishing with the failed cell.
 */
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
   * Keeps the declarations of the cell converted last although it failed (it was interrupted
   * after its declarations ran). Returns whether there were declarations to keep.
   */
  adopt(): boolean {
    if (this.pending === undefined) return false;
    this.adopted = { instead: this.executorDecl, decl: this.pending };
    this.current = this.pending;
    this.pending = undefined;
    return true;
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
