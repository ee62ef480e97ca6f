/**
 * The main-thread side of preemption (the watchdog is preempt-worker.ts): starts the watchdog,
 * answers its pings, and tells it when the compiler runs. The compiler is never terminated: a
 * half-built or half-updated language service would break every later cell. Compiler work is
 * building the converters, compiling a cell, tslab's completions and inspections, and the kernel's
 * own help (cell-help.ts). An interrupt that arrives between a cell's start and the end of its
 * compilation (building the compiler for the first cell takes seconds) is noted by the watchdog,
 * and the cell ends with an `Interrupt` before any of its code runs. One that arrives during other
 * compiler work (a completion) takes effect afterwards, through the SIGINT handler (interrupt.ts).
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Converter } from "tslab/dist/converter";
import { InterruptedBeforeRunning } from "./interrupt";
import { CELL_COMPILING, COMPILING, INTERRUPTED_WHILE_COMPILING, PONGS, STATE_SLOTS, type PreemptData } from "./preempt-state";

/** How long the main thread may leave a ping unanswered before the code it runs is terminated. */
export const PREEMPT_GRACE_MS = 1000;

/** Handles on the watchdog. */
export interface Preemption {
  /** Runs `fn` as compiler work, which the watchdog never terminates. */
  compiling<T>(fn: () => T): T;
  /** Marks the start of a cell: an interrupt from now until its compilation returns ends it. */
  cellStarts(): void;
  /** Marks the end of a cell (also one that never compiled): later interrupts are not its. */
  cellEnds(): void;
  /**
   * Wraps a converter: its work is compiler work, and a cell whose compilation an interrupt
   * arrived during throws `InterruptedBeforeRunning` instead of returning its code.
   */
  guard(converter: Converter): Converter;
}

/** Starts the watchdog (POSIX only: elsewhere interrupts work as tslab's do). */
export function startPreemption(log: (text: string) => void): Preemption {
  const state = new Int32Array(new SharedArrayBuffer(STATE_SLOTS * 4));
  if (process.platform !== "win32") {
    const workerData: PreemptData = { state: state.buffer as SharedArrayBuffer, graceMs: PREEMPT_GRACE_MS };
    const worker = new Worker(join(__dirname, "preempt-worker.js"), { workerData, stdout: false, stderr: false });
    worker.on("message", () => Atomics.add(state, PONGS, 1));
    worker.on("error", (error) => log(`seqgrad kernel: the interrupt watchdog stopped: ${String(error)}\n`));
    worker.unref();
  }
  const compiling = <T>(fn: () => T): T => {
    Atomics.add(state, COMPILING, 1);
    try {
      return fn();
    } finally {
      Atomics.sub(state, COMPILING, 1);
    }
  };
  const cellStarts = (): void => {
    Atomics.store(state, INTERRUPTED_WHILE_COMPILING, 0);
    Atomics.store(state, CELL_COMPILING, 1);
  };
  /** Ends the cell's compilation phase; whether an interrupt arrived during it. */
  const cellCompiled = (): boolean => {
    Atomics.store(state, CELL_COMPILING, 0);
    return Atomics.exchange(state, INTERRUPTED_WHILE_COMPILING, 0) === 1;
  };
  return {
    compiling,
    cellStarts,
    cellEnds: () => void cellCompiled(),
    guard: (converter) => ({
      convert: (prevDecl, src) => {
        let converted: ReturnType<Converter["convert"]>;
        try {
          converted = compiling(() => converter.convert(prevDecl, src));
        } catch (error) {
          cellCompiled();
          throw error;
        }
        if (cellCompiled()) throw new InterruptedBeforeRunning();
        return converted;
      },
      inspect: (prevDecl, src, position) => compiling(() => converter.inspect(prevDecl, src, position)),
      complete: (prevDecl, src, position) => compiling(() => converter.complete(prevDecl, src, position)),
      addModule: (name, content, meta) => compiling(() => converter.addModule(name, content, meta)),
      close: () => converter.close(),
    }),
  };
}
