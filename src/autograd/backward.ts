import { checkKnownOptions } from "../known-options";
import { AnomalyError, AutogradError, ShapeError, ValueError } from "../errors";
import { formatShape, sameShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { firstNonFinite, inBackwardOf, isAnomalyEnabled } from "./anomaly";
import { asBackwardPass } from "./backward-end";
import { setGradEnabled } from "./grad-mode";
import { leadingTo, topologicalOrder } from "./graph-order";
import { checkSecondOrder } from "./higher-order";
import { PassStorage } from "./pass-storage";
import { retiringPass } from "./retired";

/** Options of `Tensor.backward` (PyTorch's names, camelCase). */
export interface BackwardOptions {
  /** Keep the saved tensors so the same graph can be walked again (default: `createGraph`). */
  retainGraph?: boolean;
  /** Record the backward pass itself, so the gradients can be differentiated again (default false). */
  createGraph?: boolean;
  /** Accumulate into the `.grad` of these tensors only (leaves or not); default every leaf. */
  inputs?: Tensor | readonly Tensor[];
}

const BACKWARD_KEYS = ["retainGraph", "createGraph", "inputs"];

/** How one pass runs: what to keep, and where its gradients go. */
export interface PassOptions {
  retainGraph: boolean;
  createGraph: boolean;
  /** Return these tensors' gradients (`grad()`) instead of accumulating into `.grad`. */
  capture?: ReadonlySet<Tensor>;
  /** Accumulate into these tensors only (`backward({ inputs })`); every leaf when absent. */
  accumulate?: ReadonlySet<Tensor>;
  /** The public name in error messages: `backward` or `grad`. */
  caller: string;
}

/**
 * Reverse-mode differentiation from `roots`, each seeded with its gradient.
 *
 * 1. Sort the graph topologically, so a tensor comes after everything it was computed from.
 * 2. Walk it backwards: each op turns dL/d(output) into dL/d(input) for its inputs, and
 *    gradients of a tensor used several times add up (the multivariate chain rule).
 * With `createGraph` the walk itself is recorded, so its results have a graph of their own.
 * Returns the gradients of the `capture` tensors that received one.
 */
export function runBackward(roots: readonly Tensor[], seeds: readonly Tensor[], options: PassOptions): Map<Tensor, Tensor> {
  const order = topologicalOrder(roots);
  const targets = options.capture ?? options.accumulate;
  const needed = targets === undefined ? null : leadingTo(order, targets);
  const grads = new Map<Tensor, Tensor>();
  roots.forEach((root, k) => {
    const seed = seeds[k] as Tensor;
    const previous = grads.get(root);
    grads.set(root, previous === undefined ? seed : previous.add(seed));
  });
  const captured = new Map<Tensor, Tensor>();
  // 3. The gradients the walk makes are given back as soon as they are used (pass-storage.ts).
  const storage = new PassStorage(!options.createGraph);
  for (const g of grads.values()) storage.hold(g);
  retiringPass(() => storage.run(() => asBackwardPass(() => setGradEnabled(options.createGraph, () => {
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      if (t === undefined || (needed !== null && !needed.has(t))) continue;
      let g = grads.get(t);
      if (g === undefined) continue;
      grads.delete(t);
      if (t.hooks.length > 0) {
        storage.keep(g);
        g = runHooks(t, g);
        storage.keep(g);
        storage.hold(g);
      }
      const node = t.gradFn;
      if (options.capture !== undefined) {
        if (options.capture.has(t)) {
          captured.set(t, g);
          storage.keep(g);
        }
      } else if (options.accumulate !== undefined ? options.accumulate.has(t) : node === null || t.retainsGrad) {
        if (t.grad === null && g.dtype === t.dtype && !options.createGraph && storage.adopt(g)) {
          // the pass's own array, used by nothing else: it becomes the gradient without a copy
          // (the tensor itself when it has no graph: a second Tensor object would keep its storage, retired.ts)
          t.grad = g.gradFn === null && !g.requiresGrad ? g : g.detach();
        } else accumulateInto(t, g, options.createGraph);
      }
      if (node === null) {
        storage.drop(g);
        continue;
      }
      if (options.createGraph) checkSecondOrder(node, options.caller);
      const gOut = g;
      const inputGrads = isAnomalyEnabled() ? inBackwardOf(() => node.apply(gOut)) : node.apply(gOut);
      if (!options.retainGraph) node.release();
      node.inputs.forEach((input, k) => {
        const raw = inputGrads[k];
        if (raw === null || raw === undefined) return;
        storage.hold(raw);
        if (!input.requiresGrad || (needed !== null && !needed.has(input))) {
          storage.drop(raw);
          return;
        }
        // a gradient has its tensor's dtype (a float32 input of a float64 op gets float32)
        const gi = raw.dtype === input.dtype ? raw : raw.to(input.dtype);
        if (gi !== raw) {
          storage.hold(gi);
          storage.drop(raw);
        }
        if (!sameShape(gi.shape, input.shape)) {
          throw new ShapeError(
            `${options.caller}: ${node.op} returned a gradient of shape ${formatShape(gi.shape)} for input ${k} ` +
              `of shape ${formatShape(input.shape)}`,
          );
        }
        if (isAnomalyEnabled()) checkGradFinite(node.op, k, gi, node.inputs);
        const previous = grads.get(input);
        if (previous === undefined) {
          grads.set(input, gi);
          return;
        }
        const sum = previous.add(gi);
        grads.set(input, sum);
        storage.hold(sum);
        storage.drop(previous);
        storage.drop(gi);
      });
      storage.drop(g);
    }
  }), targets)));
  return captured;
}

function runHooks(t: Tensor, grad: Tensor): Tensor {
  let g = grad;
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
  return g;
}

/** Adds g to t.grad: in place, or (createGraph) as a recorded sum that keeps g's graph. */
function accumulateInto(t: Tensor, g: Tensor, createGraph: boolean): void {
  if (t.grad === null) {
    t.grad = g.dtype === t.dtype ? g.clone() : g.to(t.dtype);
    return;
  }
  if (createGraph || t.grad.requiresGrad) {
    t.grad = t.grad.add(g);
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

/** Validates `backward`'s options: unknown keys and wrong types raise, nothing is ignored. */
export function backwardPassOptions(options: BackwardOptions): PassOptions {
  if (options === undefined) throw new ValueError("backward: options must be an object; got undefined");
  checkKnownOptions("backward", options, BACKWARD_KEYS);
  const createGraph = flag("backward", "createGraph", options.createGraph, false);
  const retainGraph = flag("backward", "retainGraph", options.retainGraph, createGraph);
  const pass: PassOptions = { retainGraph, createGraph, caller: "backward" };
  if (options.inputs === undefined) return pass;
  const inputs = tensorList("backward", "inputs", options.inputs);
  if (inputs.length === 0) throw new ValueError("backward: inputs must name at least one tensor; got an empty list");
  return { ...pass, accumulate: new Set(inputs) };
}

/** A boolean option or its default; anything else raises. */
export function flag(caller: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new ValueError(`${caller}: ${name} must be a boolean; got ${String(value)}`);
  return value;
}

/** One tensor or a list of them, as a list; anything else raises. */
export function tensorList(caller: string, name: string, value: unknown): Tensor[] {
  const list = Array.isArray(value) ? value : [value];
  list.forEach((t, i) => {
    const ok = t !== null && typeof t === "object" && "gradFn" in t && "shape" in t;
    if (!ok) throw new ValueError(`${caller}: ${name}[${i}] must be a Tensor; got ${t === null ? "null" : typeof t}`);
  });
  return list as Tensor[];
}

/** Checks the gradient given to `backward()` (or makes the implicit 1 for a scalar). */
export function initialGrad(root: Tensor, grad: Tensor | undefined, makeOne: () => Tensor, caller = "backward"): Tensor {
  if (!root.requiresGrad) {
    throw new AutogradError(
      `${caller}: tensor ${formatShape(root.shape)} does not require grad and has no grad_fn; ` +
        `create its leaves with { requiresGrad: true }`,
    );
  }
  if (grad === undefined) {
    if (root.numel !== 1) {
      throw new AutogradError(
        `${caller}: grad can be implicitly created only for scalar outputs; got shape ${formatShape(root.shape)} ` +
          `(call .sum() first or pass a gradient of that shape)`,
      );
    }
    return makeOne();
  }
  if (!sameShape(grad.shape, root.shape)) {
    throw new ShapeError(
      `${caller}: gradient shape must match the tensor; expected ${formatShape(root.shape)}, got ${formatShape(grad.shape)}`,
    );
  }
  return grad;
}
