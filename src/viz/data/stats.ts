/** Summary statistics of a tensor's values in one pass, NaN and Inf counted apart. */
import type { Stats } from "../payloads";

/**
 * min, max, mean, standard deviation (population, over finite values), Euclidean norm, and the
 * number of NaN and infinite values.
 *
 *   mean = (1/n) sum_i x_i,   std = sqrt((1/n) sum_i (x_i - mean)^2),   norm = sqrt(sum_i x_i^2)
 */
export function computeStats(data: ArrayLike<number>): Stats {
  let n = 0;
  let nan = 0;
  let inf = 0;
  let min = Infinity;
  let max = -Infinity;
  let mean = 0;
  let m2 = 0;
  let sq = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v !== v) {
      nan++;
      continue;
    }
    if (v === Infinity || v === -Infinity) {
      inf++;
      continue;
    }
    n++;
    if (v < min) min = v;
    if (v > max) max = v;
    // Welford's update keeps the variance accurate for large n.
    const d = v - mean;
    mean += d / n;
    m2 += d * (v - mean);
    sq += v * v;
  }
  const finite = n > 0;
  return {
    numel: data.length,
    min: finite ? min : null,
    max: finite ? max : null,
    mean: finite ? mean : null,
    std: finite ? Math.sqrt(m2 / n) : null,
    norm: finite ? Math.sqrt(sq) : null,
    nanCount: nan,
    infCount: inf,
  };
}
