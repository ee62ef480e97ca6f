/**
 * Cooperative interruption of long-running loops. A notebook's interrupt button cannot stop an
 * `await`-ing loop by itself: the kernel aborts the running cell's signal instead, and loops (the
 * training loop, beam search) call `throwIfAborted()` between steps, so they stop at a step
 * boundary and leave models in a consistent state.
 */
import { AbortError } from "../errors";
import type { AbortSignalLike } from "./abort-signal";
import { kernelBridge } from "./kernel-bridge";

/** The abort signal of the running notebook cell; undefined outside a kernel that supports it. */
export function currentAbortSignal(): AbortSignalLike | undefined {
  return kernelBridge()?.currentAbortSignal();
}

/**
 * Throws `AbortError` when `signal` (by default the running cell's) was aborted. Call it between
 * steps, never in the middle of an update.
 *
 * @example for (const batch of batches) { throwIfAborted(); step(batch); await nextTick(); }
 */
export function throwIfAborted(signal: AbortSignalLike | undefined = currentAbortSignal()): void {
  if (signal === undefined || !signal.aborted) return;
  throw new AbortError(
    `throwIfAborted: the run was interrupted; expected no abort request, got ${describeReason(signal.reason)}`,
  );
}

function describeReason(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  if (typeof reason === "string") return reason;
  return "an abort";
}
