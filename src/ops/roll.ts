import { record } from "../autograd/record";
import { ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { normalizeDim, stridesOf, numberList } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { reshape } from "./reshape";
import { tensorArg } from "./tensor-arg";

/**
 * Rotates x along `dims` by `shifts` (PyTorch's `roll`): out[(i + s) mod n] = x[i] along each
 * rolled dim. Without dims the flattened tensor is rolled and the shape restored.
 * Backward: the opposite roll of g.
 *
 * @example roll(tensor([1, 2, 3, 4]), 1) // [4, 1, 2, 3]
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[]): Tensor {
  tensorArg("roll", "x", x);
  const s = typeof shifts === "number" ? [shifts] : shifts;
  numberList("roll", "shifts", s, "a number or an array of numbers");
  if (dims === undefined) {
    if (s.length !== 1) throw new ValueError(`roll: without dims, shifts must be one number; got [${s.join(", ")}]`);
    return reshape(roll(reshape(x, [-1]), s, [0]), x.shape);
  }
  const dimList = typeof dims === "number" ? [dims] : dims;
  numberList("roll", "dims", dimList, "a number or an array of numbers");
  const ds = dimList.map((d) => normalizeDim("roll", d, x.ndim));
  if (ds.length !== s.length) {
    throw new ValueError(`roll: shifts and dims must have the same length; got shifts [${s.join(", ")}], dims [${ds.join(", ")}]`);
  }
  s.forEach((v) => {
    if (!Number.isInteger(v)) throw new ValueError(`roll: shifts must be integers; got ${v}`);
  });
  const shift = new Array<number>(x.ndim).fill(0);
  ds.forEach((d, k) => {
    shift[d] = (shift[d] as number) + (s[k] as number);
  });
  const strides = stridesOf(x.shape);
  const out = allocate(x.dtype, x.numel);
  const pos = new Array<number>(x.ndim).fill(0);
  for (let i = 0; i < x.numel; i++) {
    let to = 0;
    for (let d = 0; d < x.ndim; d++) {
      const n = x.shape[d] ?? 1;
      to += ((((pos[d] as number) + (shift[d] as number)) % n + n) % n) * (strides[d] as number);
    }
    out[to] = x.data[i] as number;
    for (let d = x.ndim - 1; d >= 0; d--) {
      pos[d] = (pos[d] as number) + 1;
      if ((pos[d] as number) < (x.shape[d] ?? 1)) break;
      pos[d] = 0;
    }
  }
  // dL/dx = g rolled back
  return record(new Tensor(out, x.shape), "roll", [x], (g) => [roll(g, s.map((v) => -v), ds)]);
}
