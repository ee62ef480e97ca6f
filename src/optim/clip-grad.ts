import { ValueError } from "../errors";
import { Tensor } from "../tensor/tensor";
import { checkKnownOptions } from "./options";

/** Options of `clipGradNorm`. */
export interface ClipGradNormOptions {
  /** Throw when the total norm is NaN or infinite instead of scaling by it (default false). */
  errorIfNonfinite?: boolean;
}

/**
 * Rescales the gradients of `params` together so their joint norm is at most `maxNorm`, as
 * PyTorch's `clip_grad_norm_` (the remedy for exploding gradients through time):
 *
 *   N = ( sum_p ||g_p||_q^q )^(1/q)      (N = max_p max_i |g_p,i| for q = Infinity)
 *   g_p <- g_p * min(1, maxNorm / (N + 1e-6))
 *
 * where q is `normType` (2 by default; any q > 0 or Infinity). Parameters without a gradient are
 * skipped. Returns N, the total norm before clipping (log it: it shows exploding gradients).
 *
 * @example const norm = clipGradNorm(model.parameters(), 5);
 */
export function clipGradNorm(
  params: Iterable<Tensor> | Tensor,
  maxNorm: number,
  normType = 2,
  options: ClipGradNormOptions = {},
): number {
  checkKnownOptions("clipGradNorm", options, ["errorIfNonfinite"]);
  if (typeof maxNorm !== "number" || !(maxNorm >= 0)) {
    throw new ValueError(`clipGradNorm: maxNorm must be a number >= 0; got ${String(maxNorm)}`);
  }
  if (typeof normType !== "number" || !(normType > 0)) {
    throw new ValueError(`clipGradNorm: normType must be > 0 or Infinity; got ${String(normType)}`);
  }
  const grads = gradsOf(params);
  if (grads.length === 0) return 0;
  let total: number;
  if (normType === Infinity) {
    total = 0;
    for (const g of grads) {
      const d = g.data;
      for (let i = 0; i < d.length; i++) {
        const a = Math.abs(d[i] as number);
        if (a > total || Number.isNaN(a)) total = a;
      }
    }
  } else {
    // each parameter's norm first, then the norm of those norms (PyTorch's order of sums)
    let acc = 0;
    for (const g of grads) {
      const d = g.data;
      let s = 0;
      if (normType === 2) {
        for (let i = 0; i < d.length; i++) s += (d[i] as number) * (d[i] as number);
        acc += s;
      } else {
        for (let i = 0; i < d.length; i++) s += Math.abs(d[i] as number) ** normType;
        acc += s;
      }
    }
    total = acc ** (1 / normType);
  }
  if (options.errorIfNonfinite && !Number.isFinite(total)) {
    throw new ValueError(`clipGradNorm: the total norm of order ${normType} of the gradients is ${total}; expected a finite number`);
  }
  const coef = Math.min(1, maxNorm / (total + 1e-6));
  if (coef < 1 || Number.isNaN(coef)) {
    for (const g of grads) {
      const d = g.data;
      for (let i = 0; i < d.length; i++) d[i] = (d[i] as number) * coef;
    }
  }
  return total;
}

/**
 * Clamps every gradient element of `params` into [-value, value] in place, as PyTorch's
 * `clip_grad_value_` and the elementwise clipping of min-char-rnn (`np.clip(dparam, -5, 5)`):
 *
 *   g_i <- min(max(g_i, -value), value)
 *
 * @example clipGradValue(model.parameters(), 5);
 */
export function clipGradValue(params: Iterable<Tensor> | Tensor, value: number): void {
  if (typeof value !== "number" || !(value >= 0)) {
    throw new ValueError(`clipGradValue: value must be a number >= 0; got ${String(value)}`);
  }
  for (const g of gradsOf(params)) {
    const d = g.data;
    for (let i = 0; i < d.length; i++) {
      const x = d[i] as number;
      if (x > value) d[i] = value;
      else if (x < -value) d[i] = -value;
    }
  }
}

function gradsOf(params: Iterable<Tensor> | Tensor): Tensor[] {
  const list = params instanceof Tensor ? [params] : [...params];
  const out: Tensor[] = [];
  for (const p of list) if (p.grad !== null) out.push(p.grad);
  return out;
}
