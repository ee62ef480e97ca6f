import { AnomalyError, AutogradError, ShapeError } from "../errors";
import { formatShape, sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { firstNonFinite, inBackwardOf, isAnomalyEnabled } from "./anomaly";
import { asBackwardPass } from "./backward-end";
import { noGrad } from "./grad-mode";

/** Options of `backward`. */
export interface BackwardOptions {
  /** Keep the saved tensors so the same graph can be walked again (default false). */
  retainGraph?: boolean;
}

/**
 * Reverse-mode differentiation from `root`.
 *
 * 1. Sort the graph topologically, so a tensor comes after everything it was computed from.
 * 2. Walk it backwards: each op turns dL/d(output) into dL/d(input) for its inputs, and
 *    gradients of a tensor used several times add up (the multivariate chain rule).
 */
export function runBackward(root: Tensor, grad: Tensor, options: BackwardOptions = {}): void {
  const order = topologicalOrder(root);
  const grads = new Map<Tensor, Tensor>();
  grads.set(root, grad);
  asBackwardPass(() => noGrad(() => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      if (t === undefined) continue;
      let g = grads.get(t);
      if (g === undefined) continue;
      grads.delete(t);
      for (const hook of t.hooks) {
        const replaced = hook(g);
        if (replaced === undefined) continue;
        if (!sameShape(replaced.shape, t.shape)) {
          throw new ShapeError(
            `registerHook: a hook must return a gradient of the tensor's shape; expected ${formatShape(t.shape)}, got ${formatShape(replaced.shape)}`,
          );
        }
        g = replaced;
      }
      const node = t.gradFn;
      if (node === null || t.retainsGrad) accumulateInto(t, g);
      if (node === null) continue;
      const gOut = g;
      const inputGrads = isAnomalyEnabled() ? inBackwardOf(() => node.apply(gOut)) : node.apply(gOut);
      if (!options.retainGraph) node.release();
      node.inputs.forEach((input, k) => {
        const raw = inputGrads[k];
        if (!input.requiresGrad || raw === null || raw === undefined) return;
        // a gradient has its tensor's dtype (a float32 input of a float64 op gets float32)
        const gi = raw.dtype === input.dtype ? raw : raw.to(input.dtype);
        if (!sameShape(gi.shape, input.shape)) {
          throw new ShapeError(
            `backward: ${node.op} returned a gradient of shape ${formatShape(gi.shape)} for input ${k} ` +
              `of shape ${formatShape(input.shape)}`,
          );
        }
        if (isAnomalyEnabled()) checkGradFinite(node.op, k, gi, node.inputs);
        const previous = grads.get(input);
        grads.set(input, previous === undefined ? gi : previous.add(gi));
      });
    }
  }));
}

/** Every tensor `root` depends on through recorded ops, inputs before outputs (iterative DFS). */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  const stack: Array<[Tensor, number]> = [[root, 0]];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top === undefined) break;
    const [t, next] = top;
    const inputs = t.gradFn?.inputs ?? [];
    if (next < inputs.length) {
      top[1] = next + 1;
      const child = inputs[next];
      if (child !== undefined && child.requiresGrad && !visited.has(child)) {
        visited.add(child);
        stack.push([child, 0]);
      }
    } else {
      stack.pop();
      order.push(t);
    }
  }
  return order;
}

function accumulateInto(t: Tensor, g: Tensor): void {
  if (t.grad === null) {
    t.grad = g.dtype === t.dtype ? g.clone() : g.to(t.dtype);
    return;
  }
  const dst = t.grad.data;
  const src = g.data;
  for (let i = 0; i < dst.length; i++) dst[i] = (dst[i] ?? 0) + (src[i] ?? 0);
}

function checkGradFinite(op: string, k: number, g: Tensor, inputs: readonly Tensor[]): void {
  const at = firstNonFinite(g.data);
  if (at < 0) return;
  const shapes = inputs.map((x) => formatShape(x.shape)).join(", ");
  throw new AnomalyError(
    `${op}: produced ${g.data[at]} in the gradient of input ${k} at flat index ${at} during backward; ` +
      `inputs were ${shapes}`,
  );
}

/** Checks the gradient given to `backward()` (or makes the implicit 1 for a scalar). */
export function initialGrad(root: Tensor, grad: Tensor | undefined, makeOne: () => Tensor): Tensor {
  if (!root.requiresGrad) {
    throw new AutogradError(
      `backward: tensor ${formatShape(root.shape)} does not require grad and has no grad_fn; ` +
        `create its leaves with { requiresGrad: true }`,
    );
  }
  if (grad === undefined) {
    if (root.numel !== 1) {
      throw new AutogradError(
        `backward: grad can be implicitly created only for scalar outputs; got shape ${formatShape(root.shape)} ` +
          `(call .sum() first or pass a gradient of that shape)`,
      );
    }
    return makeOne();
  }
  if (!sameShape(grad.shape, root.shape)) {
    throw new ShapeError(
      `backward: gradient shape must match the tensor; expected ${formatShape(root.shape)}, got ${formatShape(grad.shape)}`,
    );
  }
  return grad;
}
