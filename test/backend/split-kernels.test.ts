import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import type { WasmBackend } from "../../src/backend/wasm";
import { SPLIT_MIN } from "../../src/backend/wasm/split";
import { rng } from "./gemm-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const dual = createWasmBackend(JS_BACKEND, { threads: 2 });
const describeThreads = single === null || dual === null || dual.storage === null ? describe.skip : describe;

/** A float32 array of `values` in `backend`'s tensor storage (in place for its kernels). */
function resident(backend: WasmBackend, values: Float32Array): Float32Array {
  const x = backend.storage?.allocate("float32", values.length);
  if (!(x instanceof Float32Array)) throw new Error("split-kernels test: no float32 storage");
  x.set(values);
  return x;
}

/** n seeded values in [lo, hi). */
function values(n: number, seed: number, lo = -2, hi = 2): Float32Array {
  const next = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * next());
}

/**
 * Runs `body` on both backends with the same operands (made resident in each) and expects the
 * same bits in every array; expects the two-thread backend to have split at least one job.
 */
function sameBits(label: string, arrays: Float32Array[], body: (backend: WasmBackend, xs: Float32Array[]) => void): void {
  const one = arrays.map((x) => resident(single as WasmBackend, x));
  const two = arrays.map((x) => resident(dual as WasmBackend, x));
  const jobs = (dual as WasmBackend).threadStats().jobs;
  body(single as WasmBackend, one);
  body(dual as WasmBackend, two);
  expect((dual as WasmBackend).threadStats().jobs, `${label}: split jobs`).toBeGreaterThan(jobs);
  one.forEach((x, i) => expect(Array.from(two[i] as Float32Array), `${label}: array ${i}`).toEqual(Array.from(x)));
}

describeThreads("kernels split over two threads", () => {
  it("reports its thread count", () => {
    expect((single as WasmBackend).threadStats().threads).toBe(1);
    expect((dual as WasmBackend).threadStats().threads).toBe(2);
    expect((dual as WasmBackend).detail).toContain("2 threads");
  });

  it("give Adam the same bits as one thread, for sizes around the split threshold and odd lengths", () => {
    for (const n of [SPLIT_MIN.adam, SPLIT_MIN.adam + 3, 3 * SPLIT_MIN.adam + 17]) {
      const arrays = [values(n, 1), values(n, 2), values(n, 3, -0.1, 0.1), values(n, 4, 0, 0.01)];
      sameBits(`adam n=${n}`, arrays, (b, [p, g, m, v]) => {
        for (let step = 1; step <= 3; step++) {
          b.adamStep(p as Float32Array, g as Float32Array, m as Float32Array, v as Float32Array, 0.9, 0.999, 1e-3 / (1 - 0.9 ** step), 1 / Math.sqrt(1 - 0.999 ** step), 1e-8);
        }
      });
    }
  });

  it("give sigmoid and tanh the same bits as one thread, with a tail shorter than the vector width", () => {
    const n = SPLIT_MIN.elementwise + 5;
    sameBits("sigmoid", [values(n, 5, -20, 20), new Float32Array(n)], (b, [x, out]) => b.sigmoid(n - 2, x as Float32Array, 1, out as Float32Array, 2));
    sameBits("tanh", [values(n, 6, -20, 20)], (b, [x]) => b.tanh(n, x as Float32Array, 0, x as Float32Array, 0));
  });

  it("give column sums the same bits as one thread, with strides and a column tail", () => {
    const [rows, cols, ld] = [700, 203, 210];
    expect(rows * cols).toBeGreaterThanOrEqual(SPLIT_MIN.colSum);
    const x = values(rows * ld, 7);
    const run = (b: WasmBackend): Float64Array => {
      const out = b.storage?.allocate("float64", cols + 2);
      if (!(out instanceof Float64Array)) throw new Error("split-kernels test: no float64 storage");
      out.fill(0.5);
      b.colSum(rows, cols, resident(b, x), 3, ld, out, 1);
      return out;
    };
    const jobs = (dual as WasmBackend).threadStats().jobs;
    const want = run(single as WasmBackend);
    expect(Array.from(run(dual as WasmBackend))).toEqual(Array.from(want));
    expect((dual as WasmBackend).threadStats().jobs).toBeGreaterThan(jobs);
  });

  it("give cross-entropy rows (losses and gradient, ignored rows, label smoothing) the same bits as one thread", () => {
    const C = 65;
    const N = Math.ceil(SPLIT_MIN.crossEntropy / C) + 17;
    const targets = Int32Array.from({ length: N }, (_, i) => (i % 11 === 3 ? -100 : (i * 7) % C));
    const x = values(N * C, 8, -6, 6);
    const run = (b: WasmBackend): [Float64Array, Float32Array] => {
      const loss = new Float64Array(N);
      const grad = resident(b, new Float32Array(N * C));
      b.crossEntropyRows(N, C, resident(b, x), 0, targets, -100, 0.1, 1 / N, loss, grad, 0);
      return [loss, grad];
    };
    const jobs = (dual as WasmBackend).threadStats().jobs;
    const [l1, g1] = run(single as WasmBackend);
    const [l2, g2] = run(dual as WasmBackend);
    expect((dual as WasmBackend).threadStats().jobs).toBeGreaterThan(jobs);
    expect(Array.from(l2)).toEqual(Array.from(l1));
    expect(Array.from(g2)).toEqual(Array.from(g1));
  });

  it("give the LSTM and GRU cells and their backwards the same bits as one thread, split by rows", () => {
    const H = 516;
    const B = Math.ceil(SPLIT_MIN.cell / H) + 3;
    expect(B * H).toBeGreaterThanOrEqual(SPLIT_MIN.cell);
    const n = B * H;
    sameBits("lstmCell", [values(4 * n, 9), values(2 * n, 10, -1, 1), new Float32Array(2 * n), new Float32Array(n)], (b, [acts, c, h, tanhC]) =>
      b.lstmCell({ B, H, acts: acts as Float32Array, actsOff: 0, c: c as Float32Array, cPrevOff: 0, cOff: n, h: h as Float32Array, hOff: n, tanhC: tanhC as Float32Array, tanhCOff: 0 }),
    );
    sameBits("gruCell", [values(3 * n, 11), values(3 * n, 12), values(2 * n, 13, -1, 1), new Float32Array(n)], (b, [acts, hw, h, hn]) =>
      b.gruCell({ B, H, acts: acts as Float32Array, actsOff: 0, hw: hw as Float32Array, hwOff: 0, h: h as Float32Array, hPrevOff: 0, hOff: n, hn: hn as Float32Array, hnOff: 0 }),
    );
    const lstmBack = [values(4 * n, 14, 0, 1), values(n, 15, -1, 1), values(n, 16, -1, 1), values(n, 17), values(n, 18), new Float32Array(4 * n)];
    sameBits("lstmCellBackward", lstmBack, (b, [gates, cPrev, tanhC, dh, dc, dG]) =>
      b.lstmCellBackward({
        B,
        H,
        gates: gates as Float32Array,
        gatesOff: 0,
        cPrev: cPrev as Float32Array,
        cPrevOff: 0,
        tanhC: tanhC as Float32Array,
        tanhCOff: 0,
        dh: dh as Float32Array,
        dhOff: 0,
        dc: dc as Float32Array,
        dcOff: 0,
        dG: dG as Float32Array,
        dGOff: 0,
      }),
    );
    const gruBack = [values(3 * n, 19, 0, 1), values(n, 20), values(n, 21, -1, 1), values(n, 22), new Float32Array(3 * n), new Float32Array(3 * n), new Float32Array(n)];
    sameBits("gruCellBackward", gruBack, (b, [gates, hn, h, dh, dGx, dGh, dhPrev]) =>
      b.gruCellBackward({
        B,
        H,
        gates: gates as Float32Array,
        gatesOff: 0,
        hn: hn as Float32Array,
        hnOff: 0,
        h: h as Float32Array,
        hPrevOff: 0,
        dh: dh as Float32Array,
        dhOff: 0,
        dGx: dGx as Float32Array,
        dGxOff: 0,
        dGh: dGh as Float32Array,
        dGhOff: 0,
        dhPrev: dhPrev as Float32Array,
        dhPrevOff: 0,
      }),
    );
  });

  it("has the helper thread run chunks within a few hundred split jobs", () => {
    const b = dual as WasmBackend;
    const n = 4 * SPLIT_MIN.adam;
    const [p, g, m, v] = [values(n, 23), values(n, 24), new Float32Array(n), new Float32Array(n)].map((x) => resident(b, x)) as Float32Array[];
    const before = b.threadStats().helperChunks;
    for (let i = 0; i < 500 && b.threadStats().helperChunks === before; i++) {
      b.adamStep(p as Float32Array, g as Float32Array, m as Float32Array, v as Float32Array, 0.9, 0.999, 1e-3, 1, 1e-8);
    }
    expect(b.threadStats().helperChunks).toBeGreaterThan(before);
  }, 60_000);
});
