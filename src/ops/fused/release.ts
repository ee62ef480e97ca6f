import { whenReleased } from "../../autograd/record";
import type { TypedArray } from "../../tensor/dtype";
import { releaseStorage } from "../../tensor/dtype";
import type { Tensor } from "../../tensor/tensor";

/**
 * Gives the storage of `data`, a buffer of a fused op read by nothing but the backwards of the
 * nodes up to `node`, back when `node` frees its saved tensors (a backward pass without
 * `retainGraph` ran through it). Use only for buffers no tensor or figure shows.
 */
export function releaseWithNode(node: Tensor, data: TypedArray): void {
  whenReleased(node, () => releaseStorage(data));
}
