import { ValueError, SeqgradError } from "../errors";
import { checkKnownOptions, optionNames } from "../known-options";
import { Generator } from "../tensor/random";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { noGrad } from "./grad-mode";

/** Raised by `gradcheck` when analytic and numeric gradients disagree. */
export class GradcheckError extends SeqgradError {}

/** Options of `gradcheck` (PyTorch's defaults). */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number;
  /** Absolute tolerance (default 1e-5). */
  atol?: number;
  /** Relative tolerance (default 1e-3). */
  rtol?: number;
  /** Throw on failure (default true); otherwise return the errors with `ok: false`. */
  raiseException?: boolean;
}

/** The option names of `gradcheck` and `gradgradcheck`. */
export const GRADCHECK_OPTIONS = optionNames<GradcheckOptions>({ eps: true, atol: true, rtol: true, raiseException: true });

/** Worst errors found for one input. */
export interface GradcheckInputReport {
  index: number;
  shape: number[];
  maxAbsError: number;
  maxRelError: number;
  /** Flat index of the worst element. */
  worst: number;
}

/** Result of `gradcheck`. */
export interface GradcheckReport {
  ok: boolean;
  inputs: GradcheckInputReport[];
}

/**
 * Compares autograd's gradients of `fn` with central differences, in float64:
 *
 *   dL/dx_i ~ sum_j (fn(x + eps e_i)_j - fn(x - eps e_i)_j) v_j / (2 eps),   L = sum(fn(x) * v)
 *
 * for a fixed random projection v, for every element of every input that requires grad. An element
 * passes when |analytic - numeric| <= atol + rtol * |numeric|.
 *
 * @example gradcheck((a, b) => a.mul(b).tanh(), [randn([3], f64), randn([3], f64)])
 */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckReport {
  checkKnownOptions("gradcheck", options, GRADCHECK_OPTIONS);
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  inputs.forEach((x, i) => {
    if (x.requiresGrad && x.dtype !== "float64") {
      throw new ValueError(`gradcheck: input ${i} must be float64 for reliable differences; got ${x.dtype} of shape ${formatShape(x.shape)}`);
    }
  });
  const probe = noGrad(() => fn(...inputs));
  const gen = new Generator(1234);
  const v = new Tensor(Float64Array.from(probe.data, () => gen.uniform() * 2 - 1), probe.shape);
  // a copy: the output may share the input's buffer (reshape), which is perturbed next
  const evaluate = (): Tensor["data"] => noGrad(() => fn(...inputs)).data.slice();
  // sum_i (f(x+)_i - f(x-)_i) v_i: differences first, so large constant outputs do not cancel digits
  const projectedDifference = (plus: Tensor["data"], minus: Tensor["data"]): number => {
    let s = 0;
    for (let i = 0; i < plus.length; i++) {
      const d = (plus[i] as number) - (minus[i] as number);
      if (d !== 0 || Number.isNaN(d)) s += d * (v.data[i] as number);
    }
    return s;
  };
  for (const x of inputs) x.grad = null;
  const out = fn(...inputs);
  if (out.requiresGrad) out.backward(v.to(out.dtype));
  const reports: GradcheckInputReport[] = [];
  let ok = true;
  inputs.forEach((x, index) => {
    if (!x.requiresGrad) return;
    const report: GradcheckInputReport = { index, shape: [...x.shape], maxAbsError: 0, maxRelError: 0, worst: -1 };
    let worstExcess = -Infinity;
    for (let i = 0; i < x.numel; i++) {
      const saved = x.data[i] as number;
      x.data[i] = saved + eps;
      const plus = evaluate();
      x.data[i] = saved - eps;
      const minus = evaluate();
      x.data[i] = saved;
      const numeric = projectedDifference(plus, minus) / (2 * eps);
      const analytic = x.grad === null ? 0 : (x.grad.data[i] as number);
      const absErr = Math.abs(analytic - numeric);
      const relErr = absErr / Math.max(Math.abs(numeric), 1e-12);
      report.maxAbsError = Math.max(report.maxAbsError, absErr);
      report.maxRelError = Math.max(report.maxRelError, numeric === 0 && absErr === 0 ? 0 : relErr);
      const excess = absErr - (atol + rtol * Math.abs(numeric));
      if (excess > worstExcess || Number.isNaN(absErr)) {
        worstExcess = Number.isNaN(absErr) ? Infinity : excess;
        report.worst = i;
      }
      if (!(excess <= 0)) {
        ok = false;
        if (options.raiseException ?? true) {
          throw new GradcheckError(
            `gradcheck: gradient of input ${index} ${formatShape(x.shape)} is wrong at flat index ${i}; ` +
              `analytic ${analytic}, numeric ${numeric} (abs error ${absErr.toExponential(3)} > atol ${atol} + rtol ${rtol} * |numeric|)`,
          );
        }
      }
    }
    reports.push(report);
  });
  return { ok, inputs: reports };
}
