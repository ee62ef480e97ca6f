import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { rng } from "./gemm-cases";

/** Y = X W^T + b by definition, in float64. */
function reference(m: number, n: number, k: number, x: Float32Array, w: Float32Array, b: Float32Array | null): Float64Array {
  const y = new Float64Array(m * n);
  for (let r = 0; r < m; r++) {
    for (let j = 0; j < n; j++) {
      let s = b === null ? 0 : (b[j] as number);
      for (let p = 0; p < k; p++) s += (x[r * k + p] as number) * (w[j * k + p] as number);
      y[r * n + j] = s;
    }
  }
  return y;
}

const backends: Array<[string, Backend | null]> = [
  ["js", JS_BACKEND],
  ["wasm", WASM_BACKEND],
  ["wasm, one thread", createWasmBackend(JS_BACKEND, { threads: 1 })],
];

describe.each(backends)("linear on the %s backend", (_name, backend) => {
  if (backend === null) return;
  const shapes: Array<[number, number, number]> = [
    [1, 1, 1],
    [3, 5, 7],
    [33, 65, 17], // rows off the doubling, columns off the tile
    [2048, 64, 64],
    [512, 1000, 64], // large enough to split over threads
  ];
  it.each(shapes)("m=%i n=%i k=%i with and without bias, W pinned or not, matches X W^T + b", (m, n, k) => {
    const next = rng(m * 1000 + n + k);
    const x = Float32Array.from({ length: m * k }, () => next() - 0.5);
    const w = Float32Array.from({ length: n * k }, () => next() - 0.5);
    const b = Float32Array.from({ length: n }, () => next() - 0.5);
    for (const bias of [b, null]) {
      for (const pinned of [false, true]) {
        const want = reference(m, n, k, x, w, bias);
        const out = new Float32Array(m * n + 3).fill(7);
        const handle = pinned ? backend.pin(w) : null;
        try {
          backend.linear(m, n, k, x, 0, w, 0, bias, out, 3);
        } finally {
          if (handle !== null) backend.unpin(handle);
        }
        expect(Array.from(out.subarray(0, 3))).toEqual([7, 7, 7]);
        let worst = 0;
        for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs((out[3 + i] as number) - (want[i] as number)));
        expect(worst).toBeLessThan(1e-5 * Math.sqrt(k));
      }
    }
  });

  it("gives float64 results exactly as the js backend", () => {
    const next = rng(9);
    const x = Float64Array.from({ length: 12 }, next);
    const w = Float64Array.from({ length: 8 }, next);
    const b = Float64Array.from({ length: 2 }, next);
    const [got, want] = [new Float64Array(6), new Float64Array(6)];
    backend.linear(3, 2, 4, x, 0, w, 0, b, got, 0);
    JS_BACKEND.linear(3, 2, 4, x, 0, w, 0, b, want, 0);
    expect(Array.from(got)).toEqual(Array.from(want));
  });
});
