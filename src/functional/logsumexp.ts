import { noGrad } from "../autograd/grad-mode";
import { amax } from "../ops/amax";
import { add } from "../ops/add";
import { exp } from "../ops/exp";
import { log } from "../ops/log";
import { sub } from "../ops/sub";
import { sum } from "../ops/sum";
import { normalizeDims } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/**
 * log sum exp over `dim` (PyTorch's `logsumexp`), stable:
 *
 *   logsumexp(x) = m + log sum_i e^(x_i - m),   m = max_i x_i (a constant: the result does not depend on it)
 *
 * A row of -Infinity gives -Infinity, a row holding +Infinity gives +Infinity. Gradient:
 * softmax(x) along dim, exact to every order (composite of exp, sum, log).
 *
 * @example logsumexp(scores, -1) // the log-partition of each row of [B, V]
 */
export function logsumexp(x: Tensor, dim: number | readonly number[], keepdim = false): Tensor {
  const dims = normalizeDims("logsumexp", dim, x.ndim);
  const shift = noGrad(() => {
    const m = amax(x.detach(), dims, true);
    const data = m.data.slice();
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i] as number)) data[i] = 0;
    return new Tensor(data, m.shape);
  });
  const out = add(log(sum(exp(sub(x, shift)), dims, true)), shift);
  return keepdim ? out : out.reshape(x.shape.filter((_, d) => !dims.includes(d)));
}
