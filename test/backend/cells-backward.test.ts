import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { rng } from "./gemm-cases";

const wasm = WASM_BACKEND;
const describeWasm = wasm === null ? describe.skip : describe;

/** Shapes [B, H]: below the staging threshold, H a multiple of 4, and H with a 1-3 element tail. */
const SHAPES: Array<[number, number]> = [[2, 5], [1, 16], [3, 17], [4, 18], [8, 64], [5, 99], [32, 33], [32, 256]];

/** Largest |x - y| / (1 + |y|) over two arrays: float32 rounding of values of order one. */
function error(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs((x[i] as number) - (y[i] as number)) / (1 + Math.abs(y[i] as number));
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  return worst;
}

/** A filler of seeded uniform values in [lo, hi): the same seed gives the same arrays. */
function filler(seed: number, f64: boolean): (n: number, lo: number, hi: number) => Float32Array | Float64Array {
  const next = rng(seed);
  return (n, lo, hi) => {
    const out = f64 ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
    return out;
  };
}

/** LSTM backward operands behind a few padding elements (offsets 3, 1, 2, 5, 4, 6). */
function lstmOperands(B: number, H: number, seed: number, f64 = false) {
  const fill = filler(seed, f64);
  const n = B * H;
  const gates = fill(3 + 4 * n, 0, 1);
  for (let b = 0; b < B; b++) gates.set(fill(H, -1, 1), 3 + b * 4 * H + 2 * H); // g = tanh(.) in (-1, 1)
  const states = { cPrev: fill(1 + n, -2, 2), tanhC: fill(2 + n, -1, 1) };
  return { gates, ...states, dh: fill(5 + n, -1, 1), dc: fill(4 + n + 2, -1, 1), dG: fill(6 + 4 * n, -9, 9) };
}

/** GRU backward operands behind a few padding elements (offsets 2, 1, 3, 4, 5, 6, 7). */
function gruOperands(B: number, H: number, seed: number, f64 = false) {
  const fill = filler(seed, f64);
  const n = B * H;
  const gates = fill(2 + 3 * n, 0, 1);
  for (let b = 0; b < B; b++) gates.set(fill(H, -1, 1), 2 + b * 3 * H + 2 * H); // n = tanh(.) in (-1, 1)
  const outs = { dGx: fill(5 + 3 * n, -9, 9), dGh: fill(6 + 3 * n, -9, 9), dhPrev: fill(7 + n + 1, -9, 9) };
  return { gates, hn: fill(1 + n, -3, 3), h: fill(3 + n, -1, 1), dh: fill(4 + n, -1, 1), ...outs };
}

type LstmOperands = ReturnType<typeof lstmOperands>;
type GruOperands = ReturnType<typeof gruOperands>;

function lstmBackward(backend: Backend, B: number, H: number, o: LstmOperands): void {
  backend.lstmCellBackward({ B, H, gates: o.gates, gatesOff: 3, cPrev: o.cPrev, cPrevOff: 1, tanhC: o.tanhC, tanhCOff: 2, dh: o.dh, dhOff: 5, dc: o.dc, dcOff: 4, dG: o.dG, dGOff: 6 });
}

function gruBackward(backend: Backend, B: number, H: number, o: GruOperands): void {
  backend.gruCellBackward({ B, H, gates: o.gates, gatesOff: 2, hn: o.hn, hnOff: 1, h: o.h, hPrevOff: 3, dh: o.dh, dhOff: 4, dGx: o.dGx, dGxOff: 5, dGh: o.dGh, dGhOff: 6, dhPrev: o.dhPrev, dhPrevOff: 7 });
}

describeWasm("the wasm LSTM and GRU cell backwards", () => {
  const backend = wasm as Backend;

  it("match the js LSTM backward on dG and dc, leave the inputs and the padding alone", () => {
    for (const [B, H] of SHAPES) {
      const viaJs = lstmOperands(B, H, 7 * B + H);
      const viaWasm = lstmOperands(B, H, 7 * B + H);
      const before = lstmOperands(B, H, 7 * B + H);
      lstmBackward(JS_BACKEND, B, H, viaJs);
      lstmBackward(backend, B, H, viaWasm);
      for (const key of ["dG", "dc"] as const) expect(error(viaWasm[key], viaJs[key]), `${key} B=${B} H=${H}`).toBeLessThan(1e-6);
      expect(error(viaJs.dc, before.dc), "dc changes").toBeGreaterThan(1e-3);
      for (const key of ["gates", "cPrev", "tanhC", "dh"] as const) expect(viaWasm[key]).toEqual(before[key]);
      expect(Array.from(viaWasm.dG.subarray(0, 6))).toEqual(Array.from(before.dG.subarray(0, 6)));
      expect(Array.from(viaWasm.dc.subarray(0, 4))).toEqual(Array.from(before.dc.subarray(0, 4)));
      expect(Array.from(viaWasm.dc.subarray(4 + B * H))).toEqual(Array.from(before.dc.subarray(4 + B * H)));
    }
  });

  it("match the js GRU backward on dGx, dGh and dh z, leave the inputs and the padding alone", () => {
    for (const [B, H] of SHAPES) {
      const viaJs = gruOperands(B, H, 11 * B + H);
      const viaWasm = gruOperands(B, H, 11 * B + H);
      const before = gruOperands(B, H, 11 * B + H);
      gruBackward(JS_BACKEND, B, H, viaJs);
      gruBackward(backend, B, H, viaWasm);
      for (const key of ["dGx", "dGh", "dhPrev"] as const) {
        expect(error(viaWasm[key], viaJs[key]), `${key} B=${B} H=${H}`).toBeLessThan(1e-6);
      }
      for (const key of ["gates", "hn", "h", "dh"] as const) expect(viaWasm[key]).toEqual(before[key]);
      expect(Array.from(viaWasm.dhPrev.subarray(0, 7))).toEqual(Array.from(before.dhPrev.subarray(0, 7)));
      expect(viaWasm.dhPrev[7 + B * H]).toBe(before.dhPrev[7 + B * H]);
    }
  });

  it("compute float64 backwards exactly as the js backend does", () => {
    const [B, H] = [4, 20];
    const [lstmJs, lstmWasm] = [lstmOperands(B, H, 5, true), lstmOperands(B, H, 5, true)];
    lstmBackward(JS_BACKEND, B, H, lstmJs);
    lstmBackward(backend, B, H, lstmWasm);
    for (const key of ["dG", "dc"] as const) expect(Array.from(lstmWasm[key])).toEqual(Array.from(lstmJs[key]));
    const [gruJs, gruWasm] = [gruOperands(B, H, 6, true), gruOperands(B, H, 6, true)];
    gruBackward(JS_BACKEND, B, H, gruJs);
    gruBackward(backend, B, H, gruWasm);
    for (const key of ["dGx", "dGh", "dhPrev"] as const) expect(Array.from(gruWasm[key])).toEqual(Array.from(gruJs[key]));
  });
});

/** dL/da[k] by central differences in float64. */
function centralDifference(a: Float64Array, k: number, loss: (a: Float64Array) => number): number {
  const eps = 1e-6;
  const up = a.slice();
  const down = a.slice();
  up[k] = (up[k] as number) + eps;
  down[k] = (down[k] as number) - eps;
  return (loss(up) - loss(down)) / (2 * eps);
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) * (y[i] as number);
  return s;
}

describe("the js cell backwards", () => {
  const [B, H] = [2, 3];
  const n = B * H;
  const next = rng(21);
  const fill = (len: number): Float64Array => Float64Array.from({ length: len }, () => next() * 4 - 2);

  it("give the derivatives of the js LSTM cell (central differences in float64)", () => {
    const [a, cPrev, dh, dcNext] = [fill(4 * n), fill(n), fill(n), fill(n)];
    // L = sum dh h_t + sum dc c_t, as a function of the pre-activations a and of c_{t-1}
    const loss = (acts: Float64Array, c0: Float64Array): number => {
      const act = acts.slice();
      const c = Float64Array.from([...c0, ...new Float64Array(n)]);
      const h = new Float64Array(n);
      JS_BACKEND.lstmCell({ B, H, acts: act, actsOff: 0, c, cPrevOff: 0, cOff: n, h, hOff: 0, tanhC: new Float64Array(n), tanhCOff: 0 });
      return dot(dh, h) + dot(dcNext, c.subarray(n));
    };
    const gates = a.slice();
    const c = Float64Array.from([...cPrev, ...new Float64Array(n)]);
    const tanhC = new Float64Array(n);
    JS_BACKEND.lstmCell({ B, H, acts: gates, actsOff: 0, c, cPrevOff: 0, cOff: n, h: new Float64Array(n), hOff: 0, tanhC, tanhCOff: 0 });
    const dc = dcNext.slice();
    const dG = new Float64Array(4 * n);
    JS_BACKEND.lstmCellBackward({ B, H, gates, gatesOff: 0, cPrev, cPrevOff: 0, tanhC, tanhCOff: 0, dh, dhOff: 0, dc, dcOff: 0, dG, dGOff: 0 });
    for (let k = 0; k < 4 * n; k++) expect(dG[k], `dG[${k}]`).toBeCloseTo(centralDifference(a, k, (x) => loss(x, cPrev)), 7);
    for (let k = 0; k < n; k++) expect(dc[k], `dc[${k}]`).toBeCloseTo(centralDifference(cPrev, k, (x) => loss(a, x)), 7);
  });

  it("give the derivatives of the js GRU cell (central differences in float64)", () => {
    const [x, hw, hPrev, dh] = [fill(3 * n), fill(3 * n), fill(n), fill(n)];
    // L = sum dh h_t, as a function of x W_ih^T + b_ih, of h_{t-1} W_hh^T + b_hh and of h_{t-1} directly
    const loss = (xs: Float64Array, hws: Float64Array, h0: Float64Array): number => {
      const h = Float64Array.from([...h0, ...new Float64Array(n)]);
      JS_BACKEND.gruCell({ B, H, acts: xs.slice(), actsOff: 0, hw: hws, hwOff: 0, h, hPrevOff: 0, hOff: n, hn: new Float64Array(n), hnOff: 0 });
      return dot(dh, h.subarray(n));
    };
    const gates = x.slice();
    const hn = new Float64Array(n);
    JS_BACKEND.gruCell({ B, H, acts: gates, actsOff: 0, hw, hwOff: 0, h: Float64Array.from([...hPrev, ...new Float64Array(n)]), hPrevOff: 0, hOff: n, hn, hnOff: 0 });
    const [dGx, dGh, dhPrev] = [new Float64Array(3 * n), new Float64Array(3 * n), new Float64Array(n)];
    JS_BACKEND.gruCellBackward({ B, H, gates, gatesOff: 0, hn, hnOff: 0, h: hPrev, hPrevOff: 0, dh, dhOff: 0, dGx, dGxOff: 0, dGh, dGhOff: 0, dhPrev, dhPrevOff: 0 });
    for (let k = 0; k < 3 * n; k++) {
      expect(dGx[k], `dGx[${k}]`).toBeCloseTo(centralDifference(x, k, (v) => loss(v, hw, hPrev)), 7);
      expect(dGh[k], `dGh[${k}]`).toBeCloseTo(centralDifference(hw, k, (v) => loss(x, v, hPrev)), 7);
    }
    for (let k = 0; k < n; k++) expect(dhPrev[k], `dhPrev[${k}]`).toBeCloseTo(centralDifference(hPrev, k, (v) => loss(x, hw, v)), 7);
  });
});
