import { whenBackwardEnds } from "../../autograd/backward-end";
import { getBackend } from "../../backend/backend";
import type { PinnedOperand } from "../../backend/pinned";
import type { TypedArray } from "../../tensor/dtype";
import type { FusedGrads } from "./step-arrays";

/**
 * Runs the step loop of a fused forward with W_hh resident in the backend's memory (see
 * `PinnedOperand`): the T GEMMs h_{t-1} W_hh^T read one copy of W_hh, packed once, instead of
 * copying and packing it at every step. Released when the loop ends, also if it throws.
 */
export function withResident<T>(wHh: TypedArray, loop: () => T): T {
  const backend = getBackend();
  const pinned = backend.pin(wHh);
  try {
    return loop();
  } finally {
    backend.unpin(pinned);
  }
}

/**
 * Called by the backward of the last step of a direction (the first to run): pins W_hh for the
 * T GEMMs dL/da_t W_hh of the backward. `releaseResident` (from the backward of step 0, before
 * the optimizer can change W_hh) releases it; if the pass fails in between, the end of the pass
 * releases it and clears the half-made gradient buffers, so a retry starts clean. Outside a
 * backward pass (a node's backward called by hand) nothing is pinned.
 */
export function holdResident(grads: FusedGrads, wHh: TypedArray): void {
  const backend = getBackend();
  const handle: PinnedOperand = backend.pin(wHh);
  const registered = whenBackwardEnds(() => {
    if (grads.pinned === handle) {
      releaseResident(grads);
      grads.dGx = grads.dGh = grads.dc = grads.dcFinal = null;
    }
  });
  if (registered) grads.pinned = handle;
  else backend.unpin(handle);
}

/** Releases the pin taken by `holdResident`, if any. */
export function releaseResident(grads: FusedGrads): void {
  const handle = grads.pinned;
  if (handle === null) return;
  grads.pinned = null;
  getBackend().unpin(handle);
}
