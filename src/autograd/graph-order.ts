import type { Tensor } from "../tensor/tensor";

/**
 * Every tensor the roots depend on through recorded ops, inputs before outputs (iterative DFS,
 * so deep unrolled graphs do not overflow the call stack).
 */
export function topologicalOrder(roots: readonly Tensor[]): Tensor[] {
  const order: Tensor[] = [];
  const visited = new Set<Tensor>();
  for (const root of roots) {
    if (visited.has(root)) continue;
    visited.add(root);
    const stack: Array<[Tensor, number]> = [[root, 0]];
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
  }
  return order;
}

/**
 * The tensors of `order` (inputs before outputs) from which some target can be reached, targets
 * included: the only ones whose gradient a pass restricted to `targets` must compute.
 */
export function leadingTo(order: readonly Tensor[], targets: ReadonlySet<Tensor>): Set<Tensor> {
  const needed = new Set<Tensor>();
  for (const t of order) {
    if (targets.has(t) || (t.gradFn?.inputs.some((x) => needed.has(x)) ?? false)) needed.add(t);
  }
  return needed;
}
