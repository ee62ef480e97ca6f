import { record } from "../autograd/record";
import { ValueError } from "../errors";
import { allocate, requireFloating } from "../tensor/dtype";
import { Generator, defaultGenerator } from "../tensor/random";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { mul } from "./mul";

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales the rest by
 * 1/(1-p), so the expected value is unchanged and evaluation needs no rescaling:
 *
 *   out_i = x_i * m_i / (1 - p),   m_i ~ Bernoulli(1 - p)
 *
 * The mask is drawn from the seeded generator (`manualSeed` makes it reproducible) and kept by the
 * backward, which multiplies g by the same scaled mask. With `training` false (or p = 0) x is
 * returned as is.
 *
 * @example dropout(h, 0.3, model.training) // Zaremba et al.: dropout on non-recurrent connections
 */
export function dropout(x: Tensor, p = 0.5, training = true, generator: Generator = defaultGenerator): Tensor {
  if (!(p >= 0 && p <= 1)) {
    throw new ValueError(`dropout: probability must be in [0, 1]; got ${p} for input ${formatShape(x.shape)}`);
  }
  requireFloating("dropout", x.dtype);
  if (!training || p === 0) return x;
  const mask = allocate(x.dtype, x.numel);
  const scale = p === 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < mask.length; i++) mask[i] = generator.uniform() < p ? 0 : scale;
  const out = allocate(x.dtype, x.numel);
  for (let i = 0; i < out.length; i++) out[i] = (x.data[i] as number) * (mask[i] as number);
  const maskTensor = new Tensor(mask, x.shape);
  // dL/dx = g * m / (1 - p), the same mask as the forward
  return record(new Tensor(out, x.shape), "dropout", [x], (g) => [mul(g, maskTensor)], { p });
}
