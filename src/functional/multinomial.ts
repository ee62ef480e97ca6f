import { ShapeError, ValueError } from "../errors";
import { checkKnownOptions, optionNames } from "../known-options";
import { Generator, defaultGenerator } from "../tensor/random";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";

/** Options of `multinomial`. */
export interface MultinomialOptions {
  /** Draw with replacement (default false: each category at most once per row). */
  replacement?: boolean;
  /** The random stream (default: the global one, see `manualSeed`). */
  generator?: Generator;
}

/**
 * Draws `numSamples` category indices per row from non-negative weights (PyTorch's
 * `torch.multinomial`): P(c) = w_c / sum_j w_j. weights is [C] or [N, C]; the result is int32
 * [numSamples] or [N, numSamples]. Without replacement each draw removes its category, so a row
 * needs at least numSamples non-zero weights. Not differentiable. PyTorch's random streams
 * differ from seqgrad's, so the same seed draws different samples (the distribution is the same).
 *
 * @example multinomial(softmax(logits.div(temperature)), 1) // one token per row
 */
export function multinomial(weights: Tensor, numSamples: number, options: MultinomialOptions = {}): Tensor {
  checkKnownOptions("multinomial", options, optionNames<MultinomialOptions>({ replacement: true, generator: true }));
  if (weights.ndim !== 1 && weights.ndim !== 2) {
    throw new ShapeError(`multinomial: weights must be [C] or [N, C]; got ${formatShape(weights.shape)}`);
  }
  const replacement = options.replacement ?? false;
  const gen = options.generator ?? defaultGenerator;
  const C = weights.shape[weights.ndim - 1] ?? 0;
  const N = weights.ndim === 2 ? (weights.shape[0] ?? 0) : 1;
  if (!Number.isInteger(numSamples) || numSamples < 1) throw new ValueError(`multinomial: numSamples must be a positive integer; got ${numSamples}`);
  const out = new Int32Array(N * numSamples);
  const row = new Float64Array(C);
  for (let n = 0; n < N; n++) {
    let positive = 0;
    for (let c = 0; c < C; c++) {
      const w = weights.data[n * C + c] as number;
      if (!(w >= 0) || !Number.isFinite(w)) {
        throw new ValueError(`multinomial: weights must be finite and non-negative; got ${w} at row ${n}, column ${c} of ${formatShape(weights.shape)}`);
      }
      row[c] = w;
      if (w > 0) positive++;
    }
    if (positive === 0 || (!replacement && positive < numSamples)) {
      throw new ValueError(
        `multinomial: row ${n} has ${positive} non-zero weights; expected at least ${replacement ? 1 : numSamples} to draw ${numSamples} ${replacement ? "with" : "without"} replacement`,
      );
    }
    for (let s = 0; s < numSamples; s++) {
      const c = draw(row, gen);
      out[n * numSamples + s] = c;
      if (!replacement) row[c] = 0;
    }
  }
  return new Tensor(out, weights.ndim === 2 ? [N, numSamples] : [numSamples]);
}

/** One index drawn by inverting the cumulative weights at a uniform number. */
function draw(row: Float64Array, gen: Generator): number {
  let total = 0;
  for (let c = 0; c < row.length; c++) total += row[c] as number;
  const u = gen.uniform() * total;
  let acc = 0;
  let last = 0;
  for (let c = 0; c < row.length; c++) {
    const w = row[c] as number;
    if (w === 0) continue;
    acc += w;
    last = c;
    if (u < acc) return c;
  }
  return last;
}
