import { ValueError } from "../errors";
import { clamp } from "../ops/clamp";
import { div } from "../ops/div";
import { mul } from "../ops/mul";
import { sqrt } from "../ops/sqrt";
import { sum } from "../ops/sum";
import { broadcastShapes, normalizeDim } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";

/**
 * Cosine of the angle between x1 and x2 along `dim` (PyTorch's `F.cosine_similarity`):
 *
 *   cos = sum(x1 x2) / sqrt(max(sum(x1^2) sum(x2^2), eps^2))
 *
 * x1 and x2 broadcast against each other; `dim` (default 1) is reduced; eps (default 1e-8) keeps
 * zero vectors from dividing by zero.
 *
 * @example cosineSimilarity(hA, hB, -1) // [B, H], [B, H] -> [B]
 */
export function cosineSimilarity(x1: Tensor, x2: Tensor, dim = 1, eps = 1e-8): Tensor {
  if (typeof eps !== "number" || !(eps >= 0)) throw new ValueError(`cosineSimilarity: eps must be a non-negative number; got ${eps}`);
  const shape = broadcastShapes("cosineSimilarity", x1.shape, x2.shape);
  const d = normalizeDim("cosineSimilarity", dim, shape.length) - shape.length;
  const dot = sum(mul(x1, x2), d);
  const n1 = sum(mul(x1, x1), d);
  const n2 = sum(mul(x2, x2), d);
  return div(dot, sqrt(clamp(mul(n1, n2), eps * eps)));
}
