import { record } from "../autograd/record";
import { binaryMap } from "./loops/elementwise";
import { ShapeError } from "../errors";
import { allocate } from "../tensor/dtype";
import { broadcastShapes, formatShape, sameShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/**
 * x with `value` written wherever `mask` (broadcast to x's shape) is non-zero:
 * out_i = mask_i ? value : x_i.
 *
 * @example maskedFill(scores, padMask, -Infinity) // attention never looks at padding
 */
export function maskedFill(x: Tensor, mask: Tensor, value: number): Tensor {
  tensorArg("maskedFill", "x", x);
  tensorArg("maskedFill", "mask", mask);
  const shape = broadcastShapes("maskedFill", x.shape, mask.shape);
  if (!sameShape(shape, x.shape)) {
    throw new ShapeError(`maskedFill: mask must broadcast to the shape of x; x is ${formatShape(x.shape)}, mask is ${formatShape(mask.shape)}`);
  }
  const out = allocate(x.dtype, x.numel);
  binaryMap(x.data, x.shape, mask.data, mask.shape, out, x.shape, (v, m) => (m !== 0 ? value : v));
  // dL/dx = g where the mask is 0, 0 where it was filled
  return record(new Tensor(out, x.shape), "masked_fill", [x], (g) => {
    if (g.requiresGrad) return [maskedFill(g, mask, 0)];
    const gx = allocate(g.dtype, g.numel);
    binaryMap(g.data, g.shape, mask.data, mask.shape, gx, g.shape, (v, m) => (m !== 0 ? 0 : v));
    return [new Tensor(gx, g.shape)];
  });
}
