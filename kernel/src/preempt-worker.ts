/**
 * The preemption watchdog: a worker thread that stops a cell stuck in synchronous code after its
 * first `await` (`await x; while (true) {}`). Such code runs outside tslab's `breakOnSigint`
 * script, and while it runs the main thread's SIGINT handler cannot run either. This thread can:
 *
 * 1. Jupyter interrupts a kernel by sending SIGINT to its process group. Worker threads get no
 *    signals, so a tiny shell child (in the kernel's group) catches SIGINT and writes a byte to
 *    its stdout, which this thread reads.
 * 2. The thread pings the main thread and waits `graceMs`. A main thread that answers is not
 *    stuck: its own SIGINT handler does the rest (abort signals, then tslab's interrupt).
 * 3. An interrupt that arrives while a cell compiles (the compiler being built for it included)
 *    is also noted in the shared state: the main thread ends that cell when its compilation
 *    returns, before any of its code runs (preempt.ts). Compiler work is never terminated.
 * 4. No answer, and no compiler work (compilation, completion, inspection) in progress: the thread connects an inspector session to the
 *    main thread and sends `Runtime.terminateExecution`, which V8 delivers between two
 *    instructions of the running JavaScript. The stuck code unwinds, the event loop turns again,
 *    and the main thread's SIGINT handler ends the cell as usual. V8 also drops the promise jobs
 *    queued at that moment: cells start in a macrotask of their own (cell-runner.ts), so those
 *    jobs are the cell's, never the kernel's socket loops. The same holds for a stuck timer or
 *    callback left running by an earlier cell.
 *
 * Not covered: a SIGINT sent to the kernel's process alone (`kill -INT <pid>`, not the group)
 * reaches only the main thread, which handles it once it is free again.
 *
 * The child exits when its stdin closes, i.e. when the kernel process ends.
 */
import { spawn } from "node:child_process";
import { Session } from "node:inspector";
import { parentPort, workerData } from "node:worker_threads";
import { CELL_COMPILING, COMPILING, INTERRUPTED_WHILE_COMPILING, PONGS, type PreemptData } from "./preempt-state";

/** Prints one byte per SIGINT; ends on end of input (the flag tells an interrupted read from EOF). */
const SIGNAL_RELAY = `trap 'hit=1; printf i' INT; while :; do hit=; read -r _ && continue; [ -n "$hit" ] && continue; exit 0; done`;

/**
 * Run on the main thread just before it is terminated. The stuck code runs inside a callback whose
 * async-hook context was pushed; termination skips the matching pop, and Node checks that the
 * stack is empty when it returns to the event loop (it aborts the process otherwise).
 */
const CLEAR_ASYNC_STACK = `process.binding("async_wrap").clearAsyncIdStack()`;

const data = workerData as PreemptData;
const state = new Int32Array(data.state);

function onInterrupt(): void {
  if (Atomics.load(state, CELL_COMPILING) === 1) Atomics.store(state, INTERRUPTED_WHILE_COMPILING, 1);
  const before = Atomics.load(state, PONGS);
  parentPort?.postMessage("ping");
  setTimeout(() => {
    if (Atomics.load(state, PONGS) !== before) return;
    if (Atomics.load(state, COMPILING) > 0) return;
    terminateMainThread();
  }, data.graceMs);
}

function terminateMainThread(): void {
  const session = new Session();
  session.connectToMainThread();
  session.post("Runtime.evaluate", { expression: CLEAR_ASYNC_STACK }, () => undefined);
  session.post("Runtime.terminateExecution", () => session.disconnect());
}

const relay = spawn("/bin/sh", ["-c", SIGNAL_RELAY], { stdio: ["pipe", "pipe", "ignore"] });
relay.stdout.on("data", onInterrupt);
relay.on("error", () => undefined);
parentPort?.postMessage("ready");
