/**
 * What the kernel knows about each executing cell, found from any code the cell started (timers,
 * promises, `await`-ing loops) through an AsyncLocalStorage: where its output goes, its execution
 * count and its abort signal. Output of background work thus lands in the cell that started it,
 * and an interrupt can stop that work at its next `throwIfAborted()`.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Publish } from "./messages";

/** What went wrong in a cell, as the executor reported it. */
export type Failure =
  | { kind: "diagnostic"; file: string; line: number; column: number; message: string }
  | { kind: "thrown"; value: unknown };

/** The state of one execute request. */
export interface CellContext {
  /** Execution count shown as `[n]`. */
  readonly count: number;
  /** Sends an iopub message whose parent is this cell's execute request. */
  readonly publish: Publish;
  /** Aborted on interrupt; seqgrad's loops check it between steps. */
  readonly controller: AbortController;
  /** The value of the cell's last expression, when it has one. */
  lastValue: { value: unknown } | undefined;
  /** Failures reported while compiling or running the cell. */
  readonly failures: Failure[];
}

/** The registry of cell contexts: the running one, and those whose work may still be going on. */
export class CellContexts {
  private readonly storage = new AsyncLocalStorage<CellContext>();
  /** Weak, so a finished cell with no pending work is collected and drops out. */
  private live: WeakRef<CellContext>[] = [];
  private runningCell: CellContext | undefined;
  private latestCell: CellContext | undefined;

  /** Runs `fn` as the code of `cell`: everything it starts sees `cell` as current. */
  async run<T>(cell: CellContext, fn: () => Promise<T>): Promise<T> {
    this.live = this.live.filter((ref) => ref.deref() !== undefined);
    this.live.push(new WeakRef(cell));
    this.runningCell = cell;
    this.latestCell = cell;
    try {
      return await this.storage.run(cell, fn);
    } finally {
      this.runningCell = undefined;
    }
  }

  /** The cell whose code is calling: the one that started it, else the running one. */
  current(): CellContext | undefined {
    return this.storage.getStore() ?? this.runningCell;
  }

  /** Like `current`, falling back on the last cell run (for output from foreign callbacks). */
  currentOrLatest(): CellContext | undefined {
    return this.current() ?? this.latestCell;
  }

  /** The cell being executed now, if any. */
  running(): CellContext | undefined {
    return this.runningCell;
  }

  /** Aborts the signal of the running cell and of every earlier cell whose work may go on. */
  abortAll(reason: string): void {
    for (const ref of this.live) ref.deref()?.controller.abort(reason);
    this.live = [];
  }
}

/** A fresh context for an execute request. */
export function createCellContext(count: number, publish: Publish): CellContext {
  return { count, publish, controller: new AbortController(), lastValue: undefined, failures: [] };
}
