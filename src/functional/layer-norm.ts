import { ShapeError, ValueError } from "../errors";
import { add } from "../ops/add";
import { div } from "../ops/div";
import { mean } from "../ops/sum";
import { mul } from "../ops/mul";
import { sqrt } from "../ops/sqrt";
import { sub } from "../ops/sub";
import { formatShape } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

/**
 * Layer normalization over the last dims (PyTorch's `F.layer_norm`, Ba et al. 2016):
 *
 *   y = (x - mu) / sqrt(sigma^2 + eps) * gamma + beta
 *
 * where mu and sigma^2 are the mean and the (biased) variance of x over its last
 * `normalizedShape.length` dims, which must equal `normalizedShape` ([..., *normalizedShape]),
 * gamma = weight and beta = bias of that shape (optional), eps default 1e-5. Each row is
 * normalized on its own (no batch statistics), so it fits recurrent steps. A composite: its
 * gradients of every order are exact.
 *
 * @example layerNorm(h, [H], gamma, beta)
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  const k = normalizedShape.length;
  const tail = x.shape.slice(x.ndim - k);
  if (k === 0 || x.ndim < k || tail.some((s, i) => s !== normalizedShape[i])) {
    throw new ShapeError(`layerNorm: the last dims of the input must be normalizedShape ${formatShape(normalizedShape)}; got input ${formatShape(x.shape)}`);
  }
  if (typeof eps !== "number" || !(eps >= 0)) throw new ValueError(`layerNorm: eps must be a non-negative number; got ${eps}`);
  for (const [name, p] of [["weight", weight], ["bias", bias]] as const) {
    if (p !== undefined && p !== null && (p.ndim !== k || p.shape.some((s, i) => s !== normalizedShape[i]))) {
      throw new ShapeError(`layerNorm: ${name} must have shape normalizedShape ${formatShape(normalizedShape)}; got ${formatShape(p.shape)}`);
    }
  }
  const dims = Array.from({ length: k }, (_, i) => x.ndim - k + i);
  const centered = sub(x, mean(x, dims, true));
  const variance = mean(mul(centered, centered), dims, true);
  let y = div(centered, sqrt(add(variance, eps)));
  if (weight !== undefined && weight !== null) y = mul(y, weight);
  if (bias !== undefined && bias !== null) y = add(y, bias);
  return y;
}
