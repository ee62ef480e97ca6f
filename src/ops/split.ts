import { ValueError } from "../errors";
import { formatShape, normalizeDim, numberList } from "../tensor/shape";
import type { Tensor } from "../tensor/tensor";
import { narrow } from "./narrow";
import { tensorArg } from "./tensor-arg";

/**
 * Cuts `x` along `dim` into pieces of `splitSize` (the last may be smaller) or of the listed
 * sizes, which must add up to the dim's size. Each piece is a differentiable slice.
 *
 * @example split(gates, H, 1) // packed LSTM gates [B, 4H] -> i, f, g, o, each [B, H]
 */
export function split(x: Tensor, splitSize: number | readonly number[], dim = 0): Tensor[] {
  tensorArg("split", "x", x);
  const d = normalizeDim("split", dim, x.ndim);
  const size = x.shape[d] ?? 1;
  if (typeof splitSize !== "number") numberList("split", "splitSize", splitSize, "a number or an array of numbers");
  const sizes = typeof splitSize === "number" ? evenSizes("split", size, splitSize, x) : [...splitSize];
  const total = sizes.reduce((p, q) => p + q, 0);
  if (sizes.some((s) => !Number.isInteger(s) || s < 0) || total !== size) {
    throw new ValueError(
      `split: sizes must be non-negative integers adding up to dim ${d} of ${formatShape(x.shape)}; ` +
        `expected a total of ${size}, got [${sizes.join(", ")}]`,
    );
  }
  const pieces: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    pieces.push(narrow(x, d, start, s));
    start += s;
  }
  return pieces;
}

/**
 * Cuts `x` into `chunks` nearly equal pieces along `dim` (PyTorch's rule: pieces of
 * ceil(size / chunks), so fewer pieces may come back).
 *
 * @example chunk(gates, 4, 1) // [B, 4H] -> 4 x [B, H]
 */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  tensorArg("chunk", "x", x);
  if (!Number.isInteger(chunks) || chunks < 1) {
    throw new ValueError(`chunk: chunks must be a positive integer; got ${chunks} for ${formatShape(x.shape)}`);
  }
  const d = normalizeDim("chunk", dim, x.ndim);
  const size = x.shape[d] ?? 1;
  return split(x, Math.max(1, Math.ceil(size / chunks)), d);
}

function evenSizes(op: string, size: number, splitSize: number, x: Tensor): number[] {
  if (!Number.isInteger(splitSize) || splitSize < 1) {
    throw new ValueError(`${op}: splitSize must be a positive integer; got ${splitSize} for ${formatShape(x.shape)}`);
  }
  const sizes: number[] = [];
  for (let start = 0; start < size; start += splitSize) sizes.push(Math.min(splitSize, size - start));
  return sizes.length === 0 ? [0] : sizes;
}
