import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { rng } from "./gemm-cases";

const wasm = WASM_BACKEND;
const describeWasm = wasm === null ? describe.skip : describe;

/** Largest |x - y| / (tiny + |y|) and largest |x - y| over two arrays. */
function errors(x: ArrayLike<number>, y: ArrayLike<number>): { rel: number; abs: number } {
  let rel = 0;
  let abs = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs((x[i] as number) - (y[i] as number));
    abs = Math.max(abs, d);
    rel = Math.max(rel, d / (1e-30 + Math.abs(y[i] as number)));
  }
  return { rel, abs };
}

function sweep(): Float32Array {
  const values = [0, -0, 1e-30, -1e-30, 1e-8, 1e-4, 0.3, 0.6249, 0.6251, 1, 5, 9.5, 20, 44, 88, 100, 1e6, Infinity];
  const next = rng(3);
  const all = [...values, ...values.map((v) => -v)];
  for (let i = 0; i < 4000; i++) all.push((next() * 2 - 1) * 12);
  return Float32Array.from(all);
}

describeWasm("the wasm activations", () => {
  const backend = wasm as Backend;

  it("computes sigmoid within 4 float32 ulp of the exact function, tails and extremes included", () => {
    const x = sweep();
    const got = new Float32Array(x.length);
    backend.sigmoid(x.length, x, 0, got, 0);
    const exact = Array.from(x, (v) => 1 / (1 + Math.exp(-v)));
    const e = errors(got, exact);
    expect(e.abs).toBeLessThan(3e-7);
    for (let i = 0; i < x.length; i++) {
      if ((exact[i] as number) > 1e-6) expect(Math.abs((got[i] as number) - (exact[i] as number)) / (exact[i] as number)).toBeLessThan(4.8e-7);
    }
  });

  it("computes tanh within 4 float32 ulp of the exact function, odd and saturating", () => {
    const x = sweep();
    const got = new Float32Array(x.length);
    backend.tanh(x.length, x, 0, got, 0);
    const exact = Array.from(x, (v) => Math.tanh(v));
    expect(errors(got, exact).rel).toBeLessThan(4.8e-7);
    expect(Object.is(got[1], -0) || got[1] === 0).toBe(true);
    expect(got[x.indexOf(Infinity)]).toBe(1);
  });

  it("reads and writes at offsets, in place, for lengths that are not multiples of four", () => {
    for (const n of [16, 17, 18, 19, 101]) {
      const x = Float32Array.from({ length: n + 5 }, (_, i) => Math.sin(i) * 4);
      const viaJs = x.slice();
      const viaWasm = x.slice();
      JS_BACKEND.tanh(n, viaJs, 3, viaJs, 3);
      backend.tanh(n, viaWasm, 3, viaWasm, 3);
      expect(errors(viaWasm, viaJs).abs).toBeLessThan(3e-7);
      expect(Array.from(viaWasm.subarray(0, 3))).toEqual(Array.from(x.subarray(0, 3)));
      expect(Array.from(viaWasm.subarray(n + 3))).toEqual(Array.from(x.subarray(n + 3)));
    }
  });
});

function lstmOperands(B: number, H: number, seed: number) {
  const next = rng(seed);
  const fill = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => (next() * 2 - 1) * scale);
  return { acts: fill(7 + 4 * B * H, 4), c: fill(3 * B * H, 2), h: fill(2 * B * H + 1, 1), tc: fill(B * H + 2, 1) };
}

describeWasm("the wasm LSTM and GRU cells", () => {
  const backend = wasm as Backend;

  it("match the js cells on every output for shapes with and without a vector tail", () => {
    for (const [B, H] of [[1, 16], [3, 17], [8, 64], [32, 33]] as Array<[number, number]>) {
      const a = lstmOperands(B, H, B * 100 + H);
      const b = { acts: a.acts.slice(), c: a.c.slice(), h: a.h.slice(), tc: a.tc.slice() };
      JS_BACKEND.lstmCell({ B, H, acts: a.acts, actsOff: 7, c: a.c, cPrevOff: B * H, cOff: 2 * B * H, h: a.h, hOff: B * H + 1, tanhC: a.tc, tanhCOff: 2 });
      backend.lstmCell({ B, H, acts: b.acts, actsOff: 7, c: b.c, cPrevOff: B * H, cOff: 2 * B * H, h: b.h, hOff: B * H + 1, tanhC: b.tc, tanhCOff: 2 });
      for (const key of ["acts", "c", "h", "tc"] as const) {
        expect(errors(b[key], a[key]).abs, `${key} B=${B} H=${H}`).toBeLessThan(1e-6);
      }
    }
  });

  it("computes the GRU cell as the js backend does, hw_n copied out for the backward", () => {
    for (const [B, H] of [[2, 16], [5, 19], [32, 64]] as Array<[number, number]>) {
      const next = rng(B + H);
      const fill = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => (next() * 2 - 1) * scale);
      const a = { acts: fill(3 * B * H + 4, 3), hw: fill(3 * B * H + 1, 3), h: fill(3 * B * H, 1), hn: fill(B * H, 1) };
      const b = { acts: a.acts.slice(), hw: a.hw.slice(), h: a.h.slice(), hn: a.hn.slice() };
      JS_BACKEND.gruCell({ B, H, acts: a.acts, actsOff: 4, hw: a.hw, hwOff: 1, h: a.h, hPrevOff: B * H, hOff: 2 * B * H, hn: a.hn, hnOff: 0 });
      backend.gruCell({ B, H, acts: b.acts, actsOff: 4, hw: b.hw, hwOff: 1, h: b.h, hPrevOff: B * H, hOff: 2 * B * H, hn: b.hn, hnOff: 0 });
      for (const key of ["acts", "h", "hn"] as const) {
        expect(errors(b[key], a[key]).abs, `${key} B=${B} H=${H}`).toBeLessThan(1e-6);
      }
      expect(Array.from(b.hw)).toEqual(Array.from(a.hw));
    }
  });

  it("computes float64 cells exactly as the js backend does", () => {
    const B = 4;
    const H = 20;
    const next = rng(11);
    const fill = (n: number): Float64Array => Float64Array.from({ length: n }, () => next() * 4 - 2);
    const acts = fill(4 * B * H);
    const c = fill(2 * B * H);
    const viaJs = { acts: acts.slice(), c: c.slice(), h: new Float64Array(B * H), tc: new Float64Array(B * H) };
    const viaWasm = { acts: acts.slice(), c: c.slice(), h: new Float64Array(B * H), tc: new Float64Array(B * H) };
    JS_BACKEND.lstmCell({ B, H, acts: viaJs.acts, actsOff: 0, c: viaJs.c, cPrevOff: 0, cOff: B * H, h: viaJs.h, hOff: 0, tanhC: viaJs.tc, tanhCOff: 0 });
    backend.lstmCell({ B, H, acts: viaWasm.acts, actsOff: 0, c: viaWasm.c, cPrevOff: 0, cOff: B * H, h: viaWasm.h, hOff: 0, tanhC: viaWasm.tc, tanhCOff: 0 });
    expect(Array.from(viaWasm.h)).toEqual(Array.from(viaJs.h));
    expect(Array.from(viaWasm.c)).toEqual(Array.from(viaJs.c));
  });
});

describe("the js LSTM cell", () => {
  it("follows the LSTM equations element by element", () => {
    const acts = Float64Array.from([0.5, -1, 2, 0.25]);
    const c = Float64Array.from([0.3, 0]);
    const h = new Float64Array(1);
    const tc = new Float64Array(1);
    JS_BACKEND.lstmCell({ B: 1, H: 1, acts, actsOff: 0, c, cPrevOff: 0, cOff: 1, h, hOff: 0, tanhC: tc, tanhCOff: 0 });
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    const ct = s(-1) * 0.3 + s(0.5) * Math.tanh(2);
    expect(c[1]).toBeCloseTo(ct, 14);
    expect(h[0]).toBeCloseTo(s(0.25) * Math.tanh(ct), 14);
    expect(Array.from(acts)).toEqual([s(0.5), s(-1), Math.tanh(2), s(0.25)]);
  });
});
