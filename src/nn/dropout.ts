import { mul } from "../ops/mul";
import type { DType } from "../tensor/dtype";
import { allocate, isFloating } from "../tensor/dtype";
import { defaultGenerator } from "../tensor/random";
import { Tensor } from "../tensor/tensor";
import { DTypeError } from "../errors";
import { formatShape } from "../tensor/shape";
import { Module } from "./module";
import { probability } from "./options";

/**
 * Inverted dropout mask of `shape`: each entry is 0 with probability p, else 1/(1-p), drawn from
 * the seeded default generator (so E[mask] = 1 and evaluation needs no rescaling).
 */
export function dropoutMask(shape: readonly number[], p: number, dtype: DType): Tensor {
  let n = 1;
  for (const s of shape) n *= s;
  const data = allocate(dtype, n);
  const keep = p >= 1 ? 0 : 1 / (1 - p);
  for (let i = 0; i < n; i++) data[i] = defaultGenerator.uniform() < p ? 0 : keep;
  return new Tensor(data, shape);
}

/** y = x * mask / (1 - p) in training, y = x in evaluation (the mask is a constant of the graph). */
export function applyDropout(owner: string, x: Tensor, p: number, training: boolean): Tensor {
  if (!training || p === 0) return x;
  if (!isFloating(x.dtype)) throw new DTypeError(`${owner}: x must be float32 or float64; got ${x.dtype} of shape ${formatShape(x.shape)}`);
  return mul(x, dropoutMask(x.shape, p, x.dtype));
}

/**
 * Dropout (Srivastava et al. 2014): in training, zeroes each entry with probability p and scales
 * the rest by 1/(1-p); in evaluation (`eval()`), the identity.
 *
 *   y = m * x / (1 - p),   m_i ~ Bernoulli(1 - p)
 *
 * Where x and y have the same shape. Option: p (default 0.5).
 *
 * @example const drop = new nn.Dropout(0.2); drop.forward(h)
 */
export class Dropout extends Module {
  readonly p: number;

  constructor(p = 0.5) {
    super();
    this.p = probability("Dropout", "p", p, 0.5);
  }

  forward(x: Tensor): Tensor {
    return applyDropout("Dropout.forward", x, this.p, this.training);
  }

  override extraRepr(): string {
    return `p=${this.p}`;
  }
}
