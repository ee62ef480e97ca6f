import { record } from "../autograd/record";
import { ShapeError, ValueError } from "../errors";
import { allocate } from "../tensor/dtype";
import { formatShape } from "../tensor/shape";
import { Tensor } from "../tensor/tensor";
import { tensorArg } from "./tensor-arg";

/**
 * The upper triangle of the last two dims (PyTorch's `triu`): out_ij = x_ij where j - i >= k,
 * 0 elsewhere, k = `diagonal` (0 keeps the main diagonal, 1 starts above it). Batch dims lead.
 * Backward: triu of g.
 *
 * @example triu(ones([T, T]), 1) // 1 where a query would look at a later key: a causal mask
 */
export function triu(x: Tensor, diagonal = 0): Tensor {
  tensorArg("triu", "x", x);
  return triangle("triu", x, diagonal, true);
}

/**
 * The lower triangle of the last two dims (PyTorch's `tril`): out_ij = x_ij where j - i <= k,
 * 0 elsewhere, k = `diagonal`. Backward: tril of g.
 *
 * @example tril(ones([T, T])) // 1 where a query may look: the allowed part of a causal mask
 */
export function tril(x: Tensor, diagonal = 0): Tensor {
  tensorArg("tril", "x", x);
  return triangle("tril", x, diagonal, false);
}

function triangle(op: "triu" | "tril", x: Tensor, diagonal: number, upper: boolean): Tensor {
  if (x.ndim < 2) throw new ShapeError(`${op}: input must have at least 2 dims; got ${formatShape(x.shape)}`);
  if (!Number.isInteger(diagonal)) throw new ValueError(`${op}: diagonal must be an integer; got ${diagonal}`);
  const rows = x.shape[x.ndim - 2] ?? 0;
  const cols = x.shape[x.ndim - 1] ?? 0;
  const out = allocate(x.dtype, x.numel);
  for (let base = 0; base < x.numel; base += rows * cols) {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const keep = upper ? j - i >= diagonal : j - i <= diagonal;
        if (keep) out[base + i * cols + j] = x.data[base + i * cols + j] as number;
      }
    }
  }
  // dL/dx = the same triangle of g
  return record(new Tensor(out, x.shape), op, [x], (g) => [triangle(op, g, diagonal, upper)]);
}
