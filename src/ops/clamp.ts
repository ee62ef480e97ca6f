import { record } from "../autograd/record";
import { ValueError } from "../errors";
import type { Tensor } from "../tensor/tensor";
import { binaryForward, unaryForward } from "./operands";
import { mul } from "./mul";
import { tensorArg } from "./tensor-arg";

/**
 * Clips every element into [min, max] (either bound may be omitted).
 *
 * @example clamp(grad, -5, 5) // elementwise clipping as in min-char-rnn
 */
export function clamp(x: Tensor, min?: number, max?: number): Tensor {
  tensorArg("clamp", "x", x);
  if (min === undefined && max === undefined) {
    throw new ValueError("clamp: at least one of min and max must be given; got neither");
  }
  if (Number.isNaN(min) || Number.isNaN(max)) {
    throw new ValueError(`clamp: min and max must be numbers, not NaN; got min ${String(min)}, max ${String(max)}`);
  }
  const lo = min ?? -Infinity;
  const hi = max ?? Infinity;
  if (lo > hi) throw new ValueError(`clamp: min must not exceed max; got min ${lo} > max ${hi}`);
  const out = unaryForward(x, (v) => (v < lo ? lo : v > hi ? hi : v));
  // dL/dx = g inside [min, max], 0 outside
  return record(out, "clamp", [x], (g) => [
    g.requiresGrad
      ? mul(g, unaryForward(x, (v) => (v >= lo && v <= hi ? 1 : 0)))
      : binaryForward("clamp", g, x, (gv, v) => (v >= lo && v <= hi ? gv : 0)),
  ]);
}
