/**
 * Runs compiled cells. All cells share one scope object: each runs as an async arrow function
 * inside `with (scope)`, so a name one cell declares (an assignment to the scope, see
 * cell-compiler.ts) is seen by every later cell and by functions defined earlier; top-level
 * `await` works; and the page's own globals (`postMessage`, `self`, `name`) are never overwritten
 * by a student's variable of the same name.
 */
import { compileCell } from "./cell-compiler";
import type { CellRecord } from "./cell-errors";

/** Lines of the evaluated text before a cell's first line (the wrapper's header). */
const HEADER_LINES = 1;

export class CellRunner {
  /** Every name the cells declared, with its value. */
  private readonly scope: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  /** Ran cells by execution count, for tracebacks and for the language service. */
  readonly cells = new Map<number, CellRecord>();

  constructor(private readonly importModule: (name: string) => unknown) {}

  /** Compiles and runs `code` as cell `In[count]`; resolves to its last expression's value. */
  async run(code: string, count: number): Promise<unknown> {
    const compiled = compileCell(code);
    this.cells.set(count, { source: code.split("\n"), lines: compiled.lines, offset: HEADER_LINES });
    for (const name of compiled.names) {
      if (!(name in this.scope)) this.scope[name] = undefined;
    }
    const hoist = compiled.functions.map((name) => `__scope[${JSON.stringify(name)}] = ${name};`).join(" ");
    const text =
      `(function (__scope, __import) { with (__scope) { return (async () => { ${hoist}\n` +
      `${compiled.body}\n})(); } })\n//# sourceURL=In[${count}]`;
    // indirect eval: sloppy global code (so `with` is allowed), no access to this module's locals
    const cell = globalThis.eval(text) as (scope: object, load: (name: string) => unknown) => Promise<unknown>;
    return await cell(this.scope, this.importModule);
  }

  /** The sources of the cells that ran, oldest first (the language service's context). */
  history(): string[] {
    return [...this.cells.entries()].sort(([a], [b]) => a - b).map(([, cell]) => cell.source.join("\n"));
  }
}
