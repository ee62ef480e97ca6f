import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { rng } from "./gemm-cases";

const describeWasm = WASM_BACKEND === null ? describe.skip : describe;

/** The float64 column sums of x, rows in order, added to `start` (the reference). */
function reference(
  rows: number,
  cols: number,
  x: Float32Array | Float64Array,
  off: number,
  ld: number,
  start: Float64Array,
  outOff: number,
): Float64Array {
  const out = Float64Array.from(start);
  for (let j = 0; j < cols; j++) {
    let s = out[outOff + j] as number;
    for (let r = 0; r < rows; r++) s += x[off + r * ld + j] as number;
    out[outOff + j] = s;
  }
  return out;
}

describe("the js backend's colSum", () => {
  it("adds the float64 column sums to out, leaving the rest of out alone", () => {
    const x = Float32Array.from([9, 1, 2, 9, 3, 4, 9, 5, 6]);
    const out = Float64Array.from([7, 10, 20, 7]);
    JS_BACKEND.colSum(3, 2, x, 1, 3, out, 1);
    expect(Array.from(out)).toEqual([7, 19, 32, 7]);
  });
});

describeWasm("the wasm backend's colSum", () => {
  const backend = WASM_BACKEND as Backend;

  it("is bit-identical to the js backend and the in-order float64 reference on 80 random shapes, strides and offsets", () => {
    const next = rng(41);
    for (let t = 0; t < 80; t++) {
      const rows = 1 + Math.floor(next() * (t < 60 ? 40 : 300));
      const cols = 1 + Math.floor(next() * (t < 60 ? 70 : 1100));
      const ld = cols + (next() < 0.5 ? 0 : Math.floor(next() * 3 * cols));
      const off = Math.floor(next() * 5);
      const outOff = Math.floor(next() * 3);
      const x = Float32Array.from({ length: off + rows * ld }, () => (next() - 0.5) * 10 ** Math.floor(next() * 6 - 3));
      const start = Float64Array.from({ length: outOff + cols + 2 }, () => next() - 0.5);
      const viaWasm = Float64Array.from(start);
      const viaJs = Float64Array.from(start);
      backend.colSum(rows, cols, x, off, ld, viaWasm, outOff);
      JS_BACKEND.colSum(rows, cols, x, off, ld, viaJs, outOff);
      const label = JSON.stringify({ rows, cols, ld, off, outOff });
      expect(Array.from(viaWasm), label).toEqual(Array.from(reference(rows, cols, x, off, ld, start, outOff)));
      expect(Array.from(viaWasm), label).toEqual(Array.from(viaJs));
    }
  }, 30_000);

  it("sums a pinned matrix from its resident copy with the same result", () => {
    const next = rng(5);
    const x = Float32Array.from({ length: 64 * 1024 }, () => next() - 0.5);
    const plain = new Float64Array(1024);
    backend.colSum(64, 1024, x, 0, 1024, plain, 0);
    const p = backend.pin(x);
    const pinned = new Float64Array(1024);
    backend.colSum(32, 1024, x, 32 * 1024, 1024, pinned, 0);
    backend.colSum(32, 1024, x, 0, 1024, pinned, 0);
    backend.unpin(p);
    const ref = reference(32, 1024, x, 0, 1024, reference(32, 1024, x, 32 * 1024, 1024, new Float64Array(1024), 0), 0);
    expect(Array.from(pinned)).toEqual(Array.from(ref));
    const close = Array.from(pinned).every((v, j) => Math.abs(v - (plain[j] as number)) < 1e-9);
    expect(close).toBe(true);
  });

  it("sums float64 matrices exactly as the js backend does", () => {
    const next = rng(6);
    const x = Float64Array.from({ length: 100 * 40 }, next);
    const viaWasm = new Float64Array(40);
    const viaJs = new Float64Array(40);
    backend.colSum(100, 40, x, 0, 40, viaWasm, 0);
    JS_BACKEND.colSum(100, 40, x, 0, 40, viaJs, 0);
    expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
  });
});
