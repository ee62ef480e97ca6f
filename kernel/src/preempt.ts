/**
 * The main-thread side of preemption (the watchdog is preempt-worker.ts): starts the watchdog,
 * answers its pings, and tells it when the compiler runs (the compiler is never terminated: a
 * half-updated language service would break every later cell).
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Converter } from "tslab/dist/converter";
import { COMPILING, PONGS, STATE_SLOTS, type PreemptData } from "./preempt-state";

/** How long the main thread may leave a ping unanswered before the code it runs is terminated. */
export const PREEMPT_GRACE_MS = 1000;

/** Handles on the watchdog. */
export interface Preemption {
  /** Wraps a converter so that compiling, completing and inspecting are never terminated. */
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
  return {
    guard: (converter) => ({
      convert: (prevDecl, src) => compiling(() => converter.convert(prevDecl, src)),
      inspect: (prevDecl, src, position) => compiling(() => converter.inspect(prevDecl, src, position)),
      complete: (prevDecl, src, position) => compiling(() => converter.complete(prevDecl, src, position)),
      addModule: (name, content, meta) => compiling(() => converter.addModule(name, content, meta)),
      close: () => converter.close(),
    }),
  };
}
