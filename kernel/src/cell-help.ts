/**
 * Help where the cursor is: the `inspect_reply` (documentation of the name under the cursor or of
 * the call around it, as markdown and text) and the `complete_reply` (tslab's candidates with
 * their kinds). Both see the earlier cells' declarations through the kernel's `CellScope`.
 * Both are compiler work (`compiling`, from preempt.ts): an interrupt never terminates one half
 * done, which would leave the language service broken and the request unanswered; it takes
 * effect once the request is answered.
 */
import type * as TypeScript from "@tslab/typescript-for-tslab";
import type { Executor } from "tslab/dist/executor";
import type { CellScope } from "./cell-scope";
import { cellCompilerOptions, createCellService } from "./cell-service";
import type { CellProgram, CellService } from "./cell-service";
import { completeReply } from "./completion";
import { renderDoc } from "./doc-render";
import { inspectAt } from "./inspection";

/** The name the warm-up completes on (never declared in a cell). */
const WARM_NAME = "__seqgradWarm";

/** How long after a cell the help is prepared, if no other cell came meanwhile. */
const WARM_AFTER_MS = 300;

/** The help requests of one kernel. */
export class CellHelp {
  private service: CellService | undefined;
  private warmed = false;

  constructor(
    private readonly ts: typeof TypeScript,
    private readonly cwd: string,
    private readonly scope: CellScope,
    private readonly executor: Executor,
    private readonly compiling: <T>(fn: () => T) => T = (fn) => fn(),
  ) {}

  /** The `inspect_reply` content for `code` with the cursor at `position`. */
  inspect(code: string, position: number): object {
    return this.compiling(() => {
      const found = this.program(code);
      const section = found === undefined ? undefined : inspectAt(this.ts, found, position);
      if (section === undefined) return { status: "ok", found: false, data: {}, metadata: {} };
      return { status: "ok", found: true, data: renderDoc(section), metadata: {} };
    });
  }

  /** What `inspect` shows for a name chain such as `nn.LSTM`, or undefined when it names nothing. */
  documentation(name: string): Record<string, string> | undefined {
    const reply = this.inspect(name, name.length) as { found: boolean; data: Record<string, string> };
    return reply.found ? reply.data : undefined;
  }

  /** The `complete_reply` content for `code` with the cursor at `position`. */
  complete(code: string, position: number): object {
    return this.compiling(() => {
      const info = this.executor.complete(code, position);
      const hasAliases = (info.original?.entries ?? []).some((e) => e.kind === "alias");
      return completeReply(this.ts, info, hasAliases ? this.program(code) : undefined);
    });
  }

  /**
   * Builds both language services (tslab's, for the candidates, and this one, for kinds and
   * documentation) with seqgrad's types loaded, once, WARM_AFTER_MS after a cell if no cell is
   * running or waiting then (else after a later cell). Built on demand, the first Tab took seconds,
   * and JupyterLab drops a completion that takes more than 1 s (its `providerTimeout`): the
   * completer did not open.
   */
  warmSoon(idle: () => boolean): void {
    if (this.warmed) return;
    setTimeout(() => {
      if (this.warmed || !idle()) return;
      this.warmed = true;
      const code = `import * as ${WARM_NAME} from "seqgrad";\n${WARM_NAME}.`;
      this.complete(code, code.length);
    }, WARM_AFTER_MS).unref();
  }

  /** The program of `code` in the current scope; undefined if the compiler fails on it. */
  program(code: string): CellProgram | undefined {
    return this.programWith(this.scope.declarations, code);
  }

  /** The program of `code` after the declarations `prevDecl`. */
  programWith(prevDecl: string, code: string): CellProgram | undefined {
    return this.compiling(() => {
      this.service ??= createCellService(this.ts, this.cwd, cellCompilerOptions(this.ts, this.cwd, false));
      try {
        return this.service(prevDecl, code);
      } catch {
        return undefined;
      }
    });
  }
}
