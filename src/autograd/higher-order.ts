import { AutogradError } from "../errors";
import type { GradNode } from "./node";

/**
 * The ops whose backward is itself recorded when the graph of the gradient is wanted
 * (`createGraph`): their vector-Jacobian products are built from recorded ops (or are linear in
 * the incoming gradient with a constant mask), so gradients of gradients are exact. A pass with
 * `createGraph` refuses every other op by name rather than silently treat its gradient as a
 * constant.
 */
const SECOND_ORDER = new Set([
  "abs", "add", "sub", "mul", "div", "neg", "exp", "log", "sqrt", "pow", "tanh", "sigmoid", "relu",
  "clamp", "to", "clone", "matmul", "sum", "expand", "reshape", "permute", "narrow", "cat", "flip",
  "where", "masked_fill", "gather", "index_select", "softmax", "log_softmax", "maximum", "minimum",
  "amax", "amin",
  "cumsum", "scatter", "scatter_add", "triu", "tril", "roll", "erf", "softplus", "elu", "eigh", "linear",
  "embedding", "nll_loss", "cross_entropy",
]);

/** Throws unless the backward of `node` may run with `createGraph`. */
export function checkSecondOrder(node: GradNode, caller: string): void {
  if (SECOND_ORDER.has(node.op)) return;
  throw new AutogradError(
    `${caller}: createGraph needs a differentiable backward, and ${node.op} (${node.name}) has a first-order one only; ` +
      `expected one of the ops ${[...SECOND_ORDER].join(", ")}, got ${node.op} ` +
      `(recurrent layers: use the composed path, { fused: false })`,
  );
}
