/**
 * What SIGINT (Jupyter's interrupt button) does. A synchronous loop is stopped by Node itself
 * (tslab runs cells with `breakOnSigint`). For asynchronous work the kernel first aborts the
 * signal of the running cell and of earlier cells whose work may still go on; seqgrad's loops
 * see it at their next `throwIfAborted()` and end with an AbortError between two steps, leaving
 * the model consistent. If the running cell has not ended after a grace period, tslab's own
 * interrupt hands control back anyway (work that never checks the signal keeps running then).
 * Code stuck in synchronous work after an `await` keeps this handler from running at all; the
 * watchdog of preempt-worker.ts terminates it first. An interrupt that arrives while a cell
 * compiles (preempt.ts) or waits ends that cell before it runs (`InterruptedBeforeRunning`).
 */
import type { Executor } from "tslab/dist/executor";
import type { CellContexts } from "./cell-context";

/** How long a running cell may take to stop by itself before control is handed back. */
export const INTERRUPT_GRACE_MS = 300;

/** The reason cells see on their aborted signal. */
export const INTERRUPT_REASON = "interrupted by the notebook (SIGINT)";

/** A cell interrupted while it compiled or waited for the kernel: none of its code ran. */
export class InterruptedBeforeRunning extends Error {
  /** Node's code for an interrupted script, so the cell's error is an `Interrupt` (jupyter-error.ts). */
  readonly code = "ERR_SCRIPT_EXECUTION_INTERRUPTED";

  constructor() {
    super("the cell was interrupted before any of its code ran (SIGINT while it compiled or waited)");
    this.name = "Interrupt";
  }
}

/** What the SIGINT handler needs of the execution queue (cell-runner.ts). */
export interface InterruptibleQueue {
  /** Whether no cell is running or waiting. */
  readonly idle: boolean;
  /** Ends the next cell that starts before any of its code runs. */
  interruptNext(): void;
}

/**
 * Registers the SIGINT handler. With no cell running but one waiting (the kernel was busy with its
 * own work: building the compiler, answering a completion), the waiting cell is the one the user
 * sees running, and it is the one ended.
 */
export function handleInterrupts(cells: CellContexts, executor: Executor, queue: InterruptibleQueue): void {
  process.on("SIGINT", () => {
    const running = cells.running();
    cells.abortAll(INTERRUPT_REASON);
    if (running === undefined) {
      if (!queue.idle) queue.interruptNext();
      return;
    }
    setTimeout(() => {
      if (cells.running() === running) executor.interrupt();
    }, INTERRUPT_GRACE_MS);
  });
}
