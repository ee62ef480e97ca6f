import { cat } from "../ops/cat";
import { checkKnownOptions } from "../known-options";
import { Generator } from "../tensor/random";
import { Tensor } from "../tensor/tensor";
import { grad } from "./grad";
import { GRADCHECK_OPTIONS, GradcheckOptions, GradcheckReport, gradcheck } from "./gradcheck";
import { noGrad, setGradEnabled } from "./grad-mode";

/**
 * Second-order gradcheck (PyTorch's `gradgradcheck`): checks, by `gradcheck`, the function
 *
 *   x -> grad(fn(x), x, { gradOutputs: v, createGraph: true })   (flattened and concatenated)
 *
 * for a fixed random v of fn's output shape, so the gradients that `createGraph` records are
 * themselves differentiated correctly (Hessian-vector products). Inputs in float64.
 *
 * @example gradgradcheck((x) => x.tanh().mul(x), [randn([3], { dtype: "float64", requiresGrad: true })])
 */
export function gradgradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  checkKnownOptions("gradgradcheck", options, GRADCHECK_OPTIONS);
  const probe = noGrad(() => fn(...inputs));
  const gen = new Generator(4321);
  const v = new Tensor(Float64Array.from(probe.data, () => gen.uniform() * 2 - 1), probe.shape).to(probe.dtype);
  const firstOrder = (...xs: Tensor[]): Tensor => setGradEnabled(true, () => {
    const diff = xs.filter((x) => x.requiresGrad);
    const grads = grad(fn(...xs), diff, { gradOutputs: v, createGraph: true, allowUnused: true });
    // an unused input has a zero gradient, whose own gradient is zero too
    const flat = grads.map((g, j) => (g ?? new Tensor(new Float64Array((diff[j] as Tensor).numel), [(diff[j] as Tensor).numel])).reshape([-1]));
    return cat(flat, 0);
  });
  return gradcheck(firstOrder, inputs, options);
}
