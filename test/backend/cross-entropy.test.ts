import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { rng } from "./gemm-cases";

const describeWasm = WASM_BACKEND === null ? describe.skip : describe;

/** One call of crossEntropyRows: the scores at xOff, the gradient (when wanted) at gradOff. */
interface Case {
  N: number;
  C: number;
  x: Float32Array | Float64Array;
  xOff: number;
  targets: Int32Array;
  ignoreIndex: number;
  eps: number;
  w: number;
  gradOff: number;
}

/** The losses and gradient of `backend` (the gradient array starts filled with 7s, null without grad). */
function run(backend: Backend, c: Case, withGrad = true): { loss: Float64Array; grad: Float32Array | Float64Array | null } {
  const loss = new Float64Array(c.N).fill(7);
  const make = c.x instanceof Float32Array ? Float32Array : Float64Array;
  const grad = withGrad ? new make(c.gradOff + c.N * c.C + 3).fill(7) : null;
  backend.crossEntropyRows(c.N, c.C, c.x, c.xOff, c.targets, c.ignoreIndex, c.eps, c.w, loss, grad, c.gradOff);
  return { loss, grad };
}

/** The float64 reference with Math.exp on the stored scores. */
function reference(c: Case): { loss: Float64Array; grad: Float64Array } {
  const loss = new Float64Array(c.N);
  const grad = new Float64Array(c.N * c.C);
  for (let i = 0; i < c.N; i++) {
    const t = c.targets[i] as number;
    if (t === c.ignoreIndex) continue;
    const row = Array.from(c.x.subarray(c.xOff + i * c.C, c.xOff + (i + 1) * c.C));
    const m = Math.max(...row);
    const s = row.reduce((a, v) => a + Math.exp(v - m), 0);
    const lse = m + Math.log(s);
    const mean = row.reduce((a, v) => a + v, 0) / c.C;
    loss[i] = (1 - c.eps) * (lse - (row[t] as number)) + (c.eps === 0 ? 0 : c.eps * (lse - mean));
    for (let k = 0; k < c.C; k++) {
      const onehot = k === t ? 1 - c.eps : 0;
      grad[i * c.C + k] = c.w * (Math.exp((row[k] as number) - lse) - c.eps / c.C - onehot);
    }
  }
  return { loss, grad };
}

/** A random case: scores of scale 10^-3 .. 10^3 (some shifted by 1e4), ~5% -Infinity, ~15% ignored rows. */
function randomCase(next: () => number, N: number, C: number): Case {
  const xOff = Math.floor(next() * 5);
  const scale = 10 ** Math.floor(next() * 7 - 3);
  const shift = next() < 0.2 ? 1e4 : 0;
  const x = new Float32Array(xOff + N * C + 2);
  for (let k = 0; k < x.length; k++) x[k] = next() < 0.05 ? -Infinity : shift + (next() - 0.5) * 2 * scale;
  const ignoreIndex = next() < 0.5 ? -100 : Math.min(2, C - 1);
  const targets = Int32Array.from({ length: N }, () => (next() < 0.15 ? ignoreIndex : Math.floor(next() * C)));
  // a -Infinity target gives an infinite loss: keep the finite cases finite (checked on their own below)
  for (let i = 0; i < N; i++) {
    const t = targets[i] as number;
    if (t !== ignoreIndex) x[xOff + i * C + t] = shift + scale * next();
  }
  const eps = [0, 0, 0.1, 1][Math.floor(next() * 4)] as number;
  return { N, C, x, xOff, targets, ignoreIndex, eps, w: 0.01 + next(), gradOff: Math.floor(next() * 3) };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, atol: number, rtol: number, what: string): void {
  for (let k = 0; k < want.length; k++) {
    const g = got[k] as number;
    const r = want[k] as number;
    // equal infinities pass (label smoothing over a -Infinity score gives an infinite loss)
    if (g !== r && !(Math.abs(g - r) <= atol + rtol * Math.abs(r))) {
      throw new Error(`${what}: element ${k} is ${g}, expected ${r} within ${atol} + ${rtol} |x|`);
    }
  }
}

describe("the js backend's crossEntropyRows", () => {
  it("writes loss 0 and a zero gradient row for an ignored target, and leaves the rest of grad alone", () => {
    const c: Case = { N: 2, C: 3, x: Float32Array.from([1, 2, 3, 4, 5, 6]), xOff: 0, targets: Int32Array.from([-100, 1]), ignoreIndex: -100, eps: 0, w: 1, gradOff: 1 };
    const { loss, grad } = run(JS_BACKEND, c);
    expect(loss[0]).toBe(0);
    expect(Array.from(grad ?? []).slice(0, 4)).toEqual([7, 0, 0, 0]);
    expect(grad?.[7]).toBe(7);
    expect(loss[1]).toBeCloseTo(Math.log(Math.exp(4) + Math.exp(5) + Math.exp(6)) - 5, 6);
  });
});

describeWasm("the wasm backend's crossEntropyRows", () => {
  const backend = WASM_BACKEND as Backend;
  const variants: [string, Backend | null][] = [
    ["the default module", backend],
    ["the SIMD128 module without FMA", createWasmBackend(JS_BACKEND, { fma: false })],
    ["the one-thread module", createWasmBackend(JS_BACKEND, { threads: 1 })],
  ];

  it.each(variants)("matches the js backend and the float64 reference on 120 random cases with ignored rows and -Infinity scores (%s)", (_, variant) => {
    const wasm = variant as Backend;
    const next = rng(7);
    for (let k = 0; k < 120; k++) {
      const C = k < 6 ? ([1, 2, 3, 5, 7, 13][k] as number) : 1 + Math.floor(next() * (k < 80 ? 70 : 1500));
      // at least 64 scores, so the wasm kernel runs rather than its js fallback
      const N = Math.max(Math.ceil(64 / C), 1 + Math.floor(next() * (k < 80 ? 40 : 12)));
      const c = randomCase(next, N, C);
      const viaWasm = run(wasm, c);
      const viaJs = run(JS_BACKEND, c);
      const ref = reference(c);
      const label = `case ${k} [${c.N}, ${c.C}] eps ${c.eps}`;
      expectClose(viaWasm.loss, ref.loss, 1e-7, 1e-7, `${label} wasm loss`);
      expectClose(viaJs.loss, ref.loss, 1e-7, 1e-7, `${label} js loss`);
      const gWasm = (viaWasm.grad ?? new Float32Array(0)).subarray(c.gradOff, c.gradOff + c.N * c.C);
      const gJs = (viaJs.grad ?? new Float32Array(0)).subarray(c.gradOff, c.gradOff + c.N * c.C);
      expectClose(gWasm, ref.grad, 2e-7 * c.w, 2e-6, `${label} wasm grad`);
      expectClose(gWasm, gJs, 2e-7 * c.w, 2e-6, `${label} wasm vs js grad`);
      expect(Array.from(viaWasm.grad ?? []).slice(0, c.gradOff)).toEqual(Array(c.gradOff).fill(7));
      expect(viaWasm.grad?.[c.gradOff + c.N * c.C]).toBe(7);
    }
  });

  it("gives exact zeros for ignored rows and -Infinity scores, and the same losses without a gradient", () => {
    const C = 37;
    const next = rng(3);
    const x = Float32Array.from({ length: 4 * C }, () => next() * 4);
    x[5] = -Infinity;
    x[C + 36] = -Infinity;
    const c: Case = { N: 4, C, x, xOff: 0, targets: Int32Array.from([1, 7, 2, 2]), ignoreIndex: 2, eps: 0, w: 0.25, gradOff: 0 };
    const { loss, grad } = run(backend, c);
    const lossOnly = run(backend, c, false).loss;
    expect(Array.from(lossOnly)).toEqual(Array.from(loss));
    expect(loss[2]).toBe(0);
    expect(loss[3]).toBe(0);
    expect(Array.from(grad ?? []).slice(2 * C, 4 * C).every((v) => v === 0)).toBe(true);
    expect(grad?.[5]).toBe(0);
    expect(grad?.[C + 36]).toBe(0);
  });

  it("gives an infinite loss for a -Infinity target score and NaN for a NaN score, as the js backend does", () => {
    const C = 40;
    const x = Float32Array.from({ length: 2 * C }, (_, k) => Math.sin(k));
    x[3] = -Infinity;
    x[C + 9] = NaN;
    const c: Case = { N: 2, C, x, xOff: 0, targets: Int32Array.from([3, 0]), ignoreIndex: -100, eps: 0, w: 1, gradOff: 0 };
    for (const b of [backend, JS_BACKEND]) {
      const { loss, grad } = run(b, c);
      expect(loss[0]).toBe(Infinity);
      expect(Number.isNaN(loss[1])).toBe(true);
      expect(Number.isNaN(grad?.[C])).toBe(true);
    }
  });

  it("sums 100000 exponentials within float32 rounding of float64", () => {
    const C = 100000;
    const next = rng(5);
    const x = Float32Array.from({ length: C }, () => (next() - 0.5) * 12);
    const c: Case = { N: 1, C, x, xOff: 0, targets: Int32Array.from([17]), ignoreIndex: -100, eps: 0.1, w: 1, gradOff: 0 };
    const ref = reference(c);
    const viaWasm = run(backend, c);
    expect(Math.abs((viaWasm.loss[0] as number) - (ref.loss[0] as number))).toBeLessThan(2e-7 * (ref.loss[0] as number));
    expectClose((viaWasm.grad ?? new Float32Array(0)).subarray(0, C), ref.grad, 1e-12, 1e-5, "grad of [1, 100000]");
  });

  it("hands float64 scores to the js backend, bit for bit", () => {
    const next = rng(9);
    const c = randomCase(next, 20, 30);
    const x = Float64Array.from(c.x);
    const c64 = { ...c, x };
    const a = run(backend, c64);
    const b = run(JS_BACKEND, c64);
    expect(Array.from(a.loss)).toEqual(Array.from(b.loss));
    expect(Array.from(a.grad ?? [])).toEqual(Array.from(b.grad ?? []));
  });
});
