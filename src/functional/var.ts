import { ValueError } from "../errors";
import { checkKnownOptions, optionNames } from "../known-options";
import { normalizeDims } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { mean, sum } from "../ops/sum";
import { sub } from "../ops/sub";
import { mul } from "../ops/mul";
import { div } from "../ops/div";
import { sqrt } from "../ops/sqrt";

/** Options of `variance` and `std`. */
export interface VarOptions {
  /** Subtracted from the count N in the divisor N - correction: 1 is Bessel's unbiased estimate (default), 0 the population variance. */
  correction?: number;
  /** Keep the reduced dims as size 1 (default false). */
  keepdim?: boolean;
}

/**
 * Variance over `dim` (one or several; all when omitted), PyTorch's `var` with `correction`:
 *
 *   var(x) = sum_i (x_i - mean(x))^2 / (N - correction)
 *
 * where N counts the reduced elements. A composite of mean, sub, mul, sum and div, so its
 * gradient (and second derivative) is exact. Divisor 0 gives NaN or Inf, as in PyTorch.
 * Named `variance` because `var` is a keyword; `Tensor.var` exists too.
 *
 * @example variance(h, 0, { correction: 0 }) // per-unit variance of hidden states [N, H] -> [H]
 */
export function variance(x: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
  checkKnownOptions("variance", options, optionNames<VarOptions>({ correction: true, keepdim: true }));
  const correction = options.correction ?? 1;
  if (typeof correction !== "number" || !Number.isFinite(correction)) {
    throw new ValueError(`var: correction must be a finite number; got ${String(correction)}`);
  }
  const dims = normalizeDims("var", dim, x.ndim);
  let count = 1;
  for (const d of dims) count *= x.shape[d] ?? 1;
  const centered = sub(x, mean(x, dims, true));
  return div(sum(mul(centered, centered), dims, options.keepdim ?? false), count - correction);
}

/**
 * Standard deviation over `dim`: sqrt(variance(x, dim, options)) (PyTorch's `std`, correction 1
 * by default). Its gradient is infinite where the deviation is 0, as in PyTorch.
 *
 * @example std(x, -1, { keepdim: true })
 */
export function std(x: Tensor, dim?: number | readonly number[], options: VarOptions = {}): Tensor {
  checkKnownOptions("std", options, optionNames<VarOptions>({ correction: true, keepdim: true }));
  return sqrt(variance(x, dim, options));
}
