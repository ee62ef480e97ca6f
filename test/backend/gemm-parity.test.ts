import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { Case, maxError, naive, operands, randomCase, rng, run } from "./gemm-cases";

const wasm = WASM_BACKEND;
const describeWasm = wasm === null ? describe.skip : describe;

describeWasm("the wasm backend", () => {
  it("is the default backend when WebAssembly SIMD is available", () => {
    expect(wasm?.name).toBe("wasm");
  });

  it("uses the relaxed-SIMD (FMA) kernels by default and the SIMD128 ones when asked", () => {
    expect(wasm?.detail).toMatch(/relaxed-SIMD FMA/);
    expect(createWasmBackend(JS_BACKEND, { threads: 1, fma: false })?.detail).toBe("WebAssembly SIMD128, 1 thread");
  });
});

// the default kernels (relaxed SIMD where possible) and the plain SIMD128 ones
const variants: Array<[string, Backend | null]> = [
  ["default", wasm],
  ["SIMD128 only", createWasmBackend(JS_BACKEND, { fma: false })],
];

describe.each(variants)("the wasm gemm (%s)", (_name, variant) => {
  if (variant === null) return;
  const backend = variant;

  it("matches a float64 reference and the js backend on 200 random shapes, flags, strides and offsets", () => {
    const next = rng(1234);
    for (let t = 0; t < 200; t++) {
      const c = randomCase(next, t < 150 ? 20 : 90);
      const { a, b, cm } = operands(c, next);
      const ref = naive(c, a, b, cm);
      const tol = 1e-5 * Math.sqrt(c.k) * Math.max(1, Math.abs(c.alpha));
      const got = run(backend, c, a, b, cm);
      const viaJs = run(JS_BACKEND, c, a, b, cm);
      expect(maxError(got, ref), JSON.stringify(c)).toBeLessThan(tol);
      expect(maxError(viaJs, ref), JSON.stringify(c)).toBeLessThan(tol);
    }
  }, 30_000);

  it("crosses every cache block boundary (k > 256, m > 128, n > 2048) with the same results", () => {
    const next = rng(99);
    const shapes: Array<[number, number, number]> = [
      [263, 37, 300],
      [97, 2100, 9],
      [13, 2049, 513],
    ];
    for (const [m, n, k] of shapes) {
      const c: Case = { transA: false, transB: true, m, n, k, alpha: 1, beta: 0.5, aOff: 3, bOff: 1, cOff: 2, lda: k, ldb: k + 1, ldc: n };
      const { a, b, cm } = operands(c, next);
      const ref = naive(c, a, b, cm);
      expect(maxError(run(backend, c, a, b, cm), ref), `${m}x${n}x${k}`).toBeLessThan(1e-5 * Math.sqrt(k));
    }
  }, 30_000);

  it("overwrites C when beta is 0, even where C holds NaN", () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([5, 6, 7, 8]);
    const c = new Float32Array(4).fill(Number.NaN);
    backend.gemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
    expect(Array.from(c)).toEqual([19, 22, 43, 50]);
  });

  it("scales C by beta when k is 0 and leaves C alone when m or n is 0", () => {
    const c = Float32Array.from([1, 2, 3, 4]);
    backend.gemm(false, false, 2, 2, 0, 1, new Float32Array(0), 0, 0, new Float32Array(0), 0, 2, 3, c, 0, 2);
    expect(Array.from(c)).toEqual([3, 6, 9, 12]);
    backend.gemm(false, false, 0, 2, 2, 1, new Float32Array(0), 0, 2, new Float32Array(4), 0, 2, 0, c, 0, 2);
    expect(Array.from(c)).toEqual([3, 6, 9, 12]);
  });

  it("computes float64 products exactly as the js backend does", () => {
    const next = rng(7);
    const a = Float64Array.from({ length: 35 }, next);
    const b = Float64Array.from({ length: 42 }, next);
    const viaWasm = new Float64Array(30);
    const viaJs = new Float64Array(30);
    backend.gemm(false, false, 5, 6, 7, 1, a, 0, 7, b, 0, 6, 0, viaWasm, 0, 6);
    JS_BACKEND.gemm(false, false, 5, 6, 7, 1, a, 0, 7, b, 0, 6, 0, viaJs, 0, 6);
    expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
  });

  it("gives the same results after its memory grows for a larger product", () => {
    const next = rng(5);
    const small: Case = { transA: false, transB: false, m: 7, n: 9, k: 11, alpha: 1, beta: 0, aOff: 0, bOff: 0, cOff: 0, lda: 11, ldb: 9, ldc: 9 };
    const s = operands(small, next);
    const before = run(backend, small, s.a, s.b, s.cm);
    const big: Case = { ...small, m: 600, n: 700, k: 500, lda: 500, ldb: 700, ldc: 700 };
    const g = operands(big, next);
    run(backend, big, g.a, g.b, g.cm);
    expect(Array.from(run(backend, small, s.a, s.b, s.cm))).toEqual(Array.from(before));
  }, 30_000);
});
