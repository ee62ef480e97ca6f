import type { TypedArray } from "../../tensor/dtype";
import type { Shape } from "../../tensor/shape";
import { stridesOf } from "../../tensor/shape";

/**
 * Sums `x` (shape `shape`) over the sorted dims `dims` into `out`, whose layout is `shape` with those
 * dims removed (or kept as 1: the same layout). An odometer walks x once in row-major order.
 */
export function sumDims(x: TypedArray, shape: Shape, dims: readonly number[], out: TypedArray): void {
  out.fill(0);
  const nd = shape.length;
  if (nd === 0) {
    out[0] = x[0] as number;
    return;
  }
  // output strides with 0 on reduced dims
  const keptShape = shape.map((s, d) => (dims.includes(d) ? 1 : s));
  const keptStrides = stridesOf(keptShape).map((s, d) => (dims.includes(d) ? 0 : s));
  const last = nd - 1;
  const inner = shape[last] ?? 1;
  const innerStride = keptStrides[last] ?? 0;
  const index = new Array<number>(nd).fill(0);
  let off = 0;
  const n = x.length;
  for (let start = 0; start < n; start += inner) {
    if (innerStride === 0) {
      let acc = 0;
      for (let j = 0; j < inner; j++) acc += x[start + j] as number;
      out[off] = (out[off] as number) + acc;
    } else {
      for (let j = 0; j < inner; j++) out[off + j] = (out[off + j] as number) + (x[start + j] as number);
    }
    for (let d = last - 1; d >= 0; d--) {
      index[d] = (index[d] ?? 0) + 1;
      off += keptStrides[d] ?? 0;
      if ((index[d] ?? 0) < (shape[d] ?? 1)) break;
      off -= (keptStrides[d] ?? 0) * (shape[d] ?? 1);
      index[d] = 0;
    }
  }
}

/** Edge of the square blocks of a matrix transpose (a block of each side stays in L1). */
const BLOCK = 32;

/**
 * Copies x (shape `shape`) permuted by `perm` into out: out dim i is x dim perm[i]. Rows that stay
 * contiguous are copied whole; swapping the last two dims (a batch of matrix transposes) goes
 * block by block, so reads and writes both stay in cache.
 */
export function permuteCopy(x: TypedArray, shape: Shape, perm: readonly number[], out: TypedArray): void {
  const nd = shape.length;
  if (nd >= 2 && perm[nd - 1] === nd - 2 && perm[nd - 2] === nd - 1 && perm.slice(0, nd - 2).every((p, i) => p === i)) {
    transposeLastTwo(x, shape[nd - 2] ?? 1, shape[nd - 1] ?? 1, out);
    return;
  }
  const inStrides = stridesOf(shape);
  const outShape = perm.map((p) => shape[p] ?? 1);
  const srcStrides = perm.map((p) => inStrides[p] ?? 0);
  const n = out.length;
  if (nd === 0) {
    out[0] = x[0] as number;
    return;
  }
  const last = nd - 1;
  const inner = outShape[last] ?? 1;
  const innerStride = srcStrides[last] ?? 0;
  const index = new Array<number>(nd).fill(0);
  let off = 0;
  const whole = innerStride === 1 && inner >= 16;
  for (let start = 0; start < n; start += inner) {
    if (whole) out.set(x.subarray(off, off + inner), start);
    else {
      let p = off;
      for (let j = 0; j < inner; j++) {
        out[start + j] = x[p] as number;
        p += innerStride;
      }
    }
    for (let d = last - 1; d >= 0; d--) {
      index[d] = (index[d] ?? 0) + 1;
      off += srcStrides[d] ?? 0;
      if ((index[d] ?? 0) < (outShape[d] ?? 1)) break;
      off -= (srcStrides[d] ?? 0) * (outShape[d] ?? 1);
      index[d] = 0;
    }
  }
}

/** out[b, j, i] = x[b, i, j] for every matrix b of R rows and C columns, in BLOCK x BLOCK blocks. */
function transposeLastTwo(x: TypedArray, R: number, C: number, out: TypedArray): void {
  const size = R * C;
  for (let base = 0; base < x.length; base += size) {
    for (let i0 = 0; i0 < R; i0 += BLOCK) {
      const i1 = Math.min(R, i0 + BLOCK);
      for (let j0 = 0; j0 < C; j0 += BLOCK) {
        const j1 = Math.min(C, j0 + BLOCK);
        for (let j = j0; j < j1; j++) {
          const o = base + j * R;
          for (let i = i0; i < i1; i++) out[o + i] = x[base + i * C + j] as number;
        }
      }
    }
  }
}
