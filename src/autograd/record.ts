import { AnomalyError } from "../errors";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { checksForward, firstNonFinite } from "./anomaly";
import { isGradEnabled } from "./grad-mode";
import { BackwardFn, GradNode, NodePart } from "./node";
import { noteRecorded } from "./retired";
import { currentScope } from "./scope";

/**
 * Attaches an op's backward to its freshly made output, micrograd-style: the op builds its
 * output, then says right beside it how gradients flow back to its inputs.
 * Records nothing when grad mode is off or no input requires grad. A fused op may name values
 * it computed inside (`parts`, e.g. a fused step's gates) so figures find them on its node.
 */
export function record(
  out: Tensor,
  op: string,
  inputs: readonly Tensor[],
  backward: BackwardFn,
  meta?: Readonly<Record<string, string | number>>,
  parts?: readonly NodePart[],
): Tensor {
  if (checksForward()) checkFinite(op, inputs, out);
  if (!isGradEnabled()) return out;
  let needed = false;
  for (const x of inputs) if (x.requiresGrad) needed = true;
  if (!needed) return out;
  out.requiresGrad = true;
  out.gradFn = new GradNode(op, inputs, backward, out.shape, currentScope(), meta, parts);
  noteRecorded(out);
  return out;
}

function checkFinite(op: string, inputs: readonly Tensor[], out: Tensor): void {
  const at = firstNonFinite(out.data);
  if (at < 0) return;
  const shapes = inputs.map((x) => formatShape(x.shape)).join(", ");
  throw new AnomalyError(
    `${op}: produced ${out.data[at]} at flat index ${at} of its output ${formatShape(out.shape)} ` +
      `in forward; inputs were ${shapes}`,
  );
}

/**
 * Runs `fn` when the node that made `out` frees its saved tensors (a backward pass without
 * `retainGraph` ran through it), after what earlier calls gave; nothing when `out` was not
 * recorded. An op hands the backward pass an array it saved for its backward this way
 * (`handOver`), so that the pass gives its storage back once it is consumed.
 */
export function whenReleased(out: Tensor, fn: () => void): void {
  const node = out.gradFn;
  if (node === null) return;
  const before = node.onRelease;
  node.onRelease = before === null ? fn : () => {
    before();
    fn();
  };
}
