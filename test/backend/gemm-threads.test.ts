import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { PARALLEL_MIN_MACS } from "../../src/backend/wasm/gemm";
import { Case, maxError, naive, operands, rng, run } from "./gemm-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const describeWasm = single === null ? describe.skip : describe;

/** Cases above the parallel threshold, cut along m or n, with every flag, stride and offset. */
function largeCases(): Case[] {
  const next = rng(2024);
  const shapes: Array<[number, number, number]> = [
    [211, 64, 100],
    [64, 333, 70],
    [32, 1024, 256],
    [1000, 65, 32],
    [7, 1500, 130],
  ];
  const cases: Case[] = [];
  // every shape twice, with flag pairs that together cover all four (transA, transB) combinations
  shapes.forEach(([m, n, k], s) => {
    const flags: Array<[boolean, boolean]> = [
      [s % 2 === 0, s % 3 === 0],
      [s % 2 === 1, s % 3 !== 0],
    ];
    for (const [transA, transB] of flags) {
      const pad = Math.floor(next() * 3);
      cases.push({
        transA,
        transB,
        m,
        n,
        k,
        alpha: next() < 0.5 ? 1 : 0.75,
        beta: next() < 0.5 ? 0 : 0.5,
        aOff: pad,
        bOff: 2 * pad,
        cOff: 1,
        lda: (transA ? m : k) + pad,
        ldb: (transB ? k : n) + pad,
        ldc: n + 2,
      });
    }
  });
  return cases;
}

describeWasm("the wasm gemm on worker threads", () => {
  const backends: Array<[string, Backend | null]> = [
    ["two threads", createWasmBackend(JS_BACKEND, { threads: 2 })],
    ["three threads", createWasmBackend(JS_BACKEND, { threads: 3 })],
  ];

  it("runs cases large enough to be split", () => {
    for (const c of largeCases()) expect(c.m * c.n * c.k).toBeGreaterThanOrEqual(PARALLEL_MIN_MACS);
  });

  // operands and the float64 reference are made once and shared by the thread counts
  const next = rng(77);
  const cases = largeCases().map((c) => {
    const ops = operands(c, next);
    return { c, ...ops, ref: naive(c, ops.a, ops.b, ops.cm) };
  });

  for (const [label, backend] of backends) {
    it(`matches the float64 reference and the single-thread result with ${label}`, () => {
      expect(backend).not.toBeNull();
      for (const { c, a, b, cm, ref } of cases) {
        const got = run(backend as Backend, c, a, b, cm);
        expect(maxError(got, ref), JSON.stringify(c)).toBeLessThan(1e-5 * Math.sqrt(c.k));
        expect(Array.from(got)).toEqual(Array.from(run(single as Backend, c, a, b, cm)));
      }
    }, 60_000);
  }

  it("stays correct over many back-to-back split products of changing shapes", () => {
    const backend = backends[0]?.[1] as Backend;
    const shapes: Array<[number, number, number]> = [
      [211, 64, 100],
      [64, 333, 70],
      [32, 1024, 64],
      [500, 40, 64],
    ];
    for (let r = 0; r < 40; r++) {
      const [m, n, k] = shapes[r % shapes.length] as [number, number, number];
      const a = new Float32Array(m * k).fill(1);
      const b = new Float32Array(k * n).fill(0.5);
      const c = new Float32Array(m * n).fill(Number.NaN);
      backend.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n);
      expect(c.every((v) => v === k / 2), `${m}x${n}x${k} call ${r}`).toBe(true);
    }
  }, 60_000);
});
