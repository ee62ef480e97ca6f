/** The memory the main thread and the preemption watchdog share (see preempt-worker.ts). */

/** Index of the count of compilations (and completions, inspections) in progress. */
export const COMPILING = 0;
/** Index of the count of pings the main thread answered. */
export const PONGS = 1;
/** Int32 slots of the shared state. */
export const STATE_SLOTS = 2;

/** What the watchdog worker is started with. */
export interface PreemptData {
  /** SharedArrayBuffer of STATE_SLOTS int32. */
  state: SharedArrayBuffer;
  /** How long the main thread may take to answer a ping before it counts as stuck. */
  graceMs: number;
}
