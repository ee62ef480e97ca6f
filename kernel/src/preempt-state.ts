/** The memory the main thread and the preemption watchdog share (see preempt-worker.ts). */

/** Index of the count of compilations (and completions, inspections) in progress. */
export const COMPILING = 0;
/** Index of the count of pings the main thread answered. */
export const PONGS = 1;
/** Index of a flag set from a cell's start until its compilation returned (1) or not (0). */
export const CELL_COMPILING = 2;
/** Index of a flag the watchdog sets when an interrupt arrives while a cell compiles. */
export const INTERRUPTED_WHILE_COMPILING = 3;
/** Int32 slots of the shared state. */
export const STATE_SLOTS = 4;

/** What the watchdog worker is started with. */
export interface PreemptData {
  /** SharedArrayBuffer of STATE_SLOTS int32. */
  state: SharedArrayBuffer;
  /** How long the main thread may take to answer a ping before it counts as stuck. */
  graceMs: number;
}
