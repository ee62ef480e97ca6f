import { record } from "../autograd/record";
import { DType, allocate, checkDType, isFloating } from "../tensor/dtype";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/**
 * Converts `x` to `dtype`. Float-to-float casts are differentiable; casts to int32 truncate toward
 * zero (as PyTorch) and cut the graph. Returns `x` itself when it already has that dtype.
 */
export function cast(x: Tensor, dtype: DType): Tensor {
  tensorArg("cast", "x", x);
  checkDType("to", dtype);
  if (x.dtype === dtype) return x;
  const data = allocate(dtype, x.numel);
  if (dtype === "int32") {
    for (let i = 0; i < data.length; i++) data[i] = Math.trunc(x.data[i] as number);
    return new Tensor(data, x.shape);
  }
  data.set(x.data);
  const out = new Tensor(data, x.shape);
  if (!isFloating(x.dtype)) return out;
  // dL/dx = g converted back to x's dtype
  return record(out, "to", [x], (g) => [cast(g, x.dtype)]);
}
