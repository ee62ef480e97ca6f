import type { TypedArray } from "../../tensor/dtype";
import type { PinnedOperand } from "../pinned";

/** `Backend.pin` of the plain-JS backend: the identity, since its kernels read arrays in place. */
export function pinJs(data: TypedArray): PinnedOperand {
  return { data, length: data.length };
}

/** `Backend.unpin` of the plain-JS backend: nothing was copied, so nothing to release. */
export function unpinJs(_pinned: PinnedOperand): void {}
