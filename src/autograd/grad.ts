import { checkKnownOptions } from "../known-options";
import { AutogradError, ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { flag, initialGrad, runBackward, tensorList } from "./backward";

/** Options of `grad` (PyTorch's `torch.autograd.grad`, camelCase). */
export interface GradOptions {
  /** dL/d(output) for each output (the "vector" of the vector-Jacobian product); 1 for scalars. */
  gradOutputs?: Tensor | ReadonlyArray<Tensor | undefined>;
  /** Record the backward pass, so the returned gradients can be differentiated (default false). */
  createGraph?: boolean;
  /** Keep the graph for another pass (default: `createGraph`). */
  retainGraph?: boolean;
  /** Return null for an input the outputs do not depend on, instead of raising (default false). */
  allowUnused?: boolean;
}

const KEYS = ["gradOutputs", "createGraph", "retainGraph", "allowUnused"];

/**
 * The gradients of `outputs` with respect to `inputs`, returned rather than accumulated into
 * `.grad` (which stays untouched):
 *
 *   grad_j = sum_k J_k,j^T v_k,   J_k,j = d outputs_k / d inputs_j,   v_k = gradOutputs_k
 *
 * where outputs_k may have any shape (v_k then has that shape; a one-element output defaults to
 * v_k = 1) and grad_j has the shape of inputs_j. Inputs may be leaves or intermediate tensors
 * (a hidden state h_t: the saliency of each step). With `createGraph` the gradients carry a graph
 * of their own, so `grad` of a gradient gives second derivatives (a gradient penalty, a
 * Hessian-vector product); ops whose backward is first-order only refuse that by name.
 *
 * @example const [dx] = grad(loss, [x]);
 * @example const [g] = grad(y, [x], { createGraph: true }); const [h] = grad(g.sum(), [x]); // d2y/dx2
 */
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions & { allowUnused: true }): Array<Tensor | null>;
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options?: GradOptions): Tensor[];
export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradOptions = {}): Array<Tensor | null> {
  checkKeys(options);
  const createGraph = flag("grad", "createGraph", options.createGraph, false);
  const retainGraph = flag("grad", "retainGraph", options.retainGraph, createGraph);
  const allowUnused = flag("grad", "allowUnused", options.allowUnused, false);
  const outs = tensorList("grad", "outputs", outputs);
  const ins = tensorList("grad", "inputs", inputs);
  if (outs.length === 0 || ins.length === 0) {
    throw new ValueError(`grad: outputs and inputs must each name at least one tensor; got ${outs.length} outputs, ${ins.length} inputs`);
  }
  ins.forEach((x, j) => {
    if (!x.requiresGrad) {
      throw new AutogradError(`grad: inputs[${j}] ${formatShape(x.shape)} does not require grad, so it cannot be differentiated against`);
    }
  });
  const seeds = seedsOf(outs, options.gradOutputs);
  const captured = runBackward(outs, seeds, { retainGraph, createGraph, capture: new Set(ins), caller: "grad" });
  return ins.map((x, j) => {
    const g = captured.get(x);
    if (g !== undefined) return g;
    if (!allowUnused) {
      throw new AutogradError(
        `grad: inputs[${j}] ${formatShape(x.shape)} was not used to compute the outputs; pass { allowUnused: true } to get null for it`,
      );
    }
    return null;
  });
}

function checkKeys(options: GradOptions): void {
  if (options === undefined) throw new ValueError("grad: options must be an object; got undefined");
  checkKnownOptions("grad", options, KEYS);
}

/** One seed gradient per output: the given one (shape-checked) or 1 for a one-element output. */
function seedsOf(outs: readonly Tensor[], given: GradOptions["gradOutputs"]): Tensor[] {
  const list = given === undefined ? [] : given instanceof Tensor ? [given] : [...given];
  if (given !== undefined && list.length !== outs.length) {
    throw new ValueError(`grad: gradOutputs must give one gradient per output; expected ${outs.length}, got ${list.length}`);
  }
  return outs.map((out, k) => {
    const v = list[k];
    if (v !== undefined && !(v instanceof Tensor)) {
      throw new ValueError(`grad: gradOutputs[${k}] must be a Tensor; got ${typeof v}`);
    }
    const one = (): Tensor => {
      const data = allocate(out.dtype, out.numel);
      data.fill(1);
      return new Tensor(data, out.shape);
    };
    return initialGrad(out, v, one, `grad: outputs[${k}]`);
  });
}
