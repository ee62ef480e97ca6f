/**
 * What SIGINT (Jupyter's interrupt button) does. A synchronous loop is stopped by Node itself
 * (tslab runs cells with `breakOnSigint`). For asynchronous work the kernel first aborts the
 * signal of the running cell and of earlier cells whose work may still go on; seqgrad's loops
 * see it at their next `throwIfAborted()` and end with an AbortError between two steps, leaving
 * the model consistent. If the running cell has not ended after a grace period, tslab's own
 * interrupt hands control back anyway (work that never checks the signal keeps running then).
 * Code stuck in synchronous work after an `await` keeps this handler from running at all; the
 * watchdog of preempt-worker.ts terminates it first. An interrupt that arrives while a cell
 * compiles ends that cell before it runs (`InterruptedWhileCompiling`, thrown by preempt.ts).
 */
import type { Executor } from "tslab/dist/executor";
import type { CellContexts } from "./cell-context";

/** How long a running cell may take to stop by itself before control is handed back. */
export const INTERRUPT_GRACE_MS = 300;

/** The reason cells see on their aborted signal. */
export const INTERRUPT_REASON = "interrupted by the notebook (SIGINT)";

/** A cell interrupted while it compiled: none of its code ran. */
export class InterruptedWhileCompiling extends Error {
  /** Node's code for an interrupted script, so the cell's error is an `Interrupt` (jupyter-error.ts). */
  readonly code = "ERR_SCRIPT_EXECUTION_INTERRUPTED";

  constructor() {
    super("the cell was interrupted while it compiled (SIGINT); none of its code ran");
    this.name = "Interrupt";
  }
}

/** Registers the SIGINT handler. */
export function handleInterrupts(cells: CellContexts, executor: Executor): void {
  process.on("SIGINT", () => {
    const running = cells.running();
    cells.abortAll(INTERRUPT_REASON);
    if (running === undefined) return;
    setTimeout(() => {
      if (cells.running() === running) executor.interrupt();
    }, INTERRUPT_GRACE_MS);
  });
}
