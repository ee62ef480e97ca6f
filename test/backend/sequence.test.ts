import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { SEQUENCE_SPLIT_MIN_MACS } from "../../src/backend/wasm/sequence";
import { relError, values } from "./steps-cases";
import { Direction, SEQUENCE_CASES, SequenceCase, makeDirection, req, withPin } from "./sequence-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const threaded = createWasmBackend(JS_BACKEND, { threads: 2 });
const describeWasm = single === null ? describe.skip : describe;

/**
 * Shapes [T, B, H]: a block below the staging threshold (the js steps run), H with a 1-3 element
 * tail after the multiples of 4 and of 8, H a multiple of 8, one step, the bench's small LSTM
 * (T 32, B 8, H 64), sizes whose step product reaches the threaded-GEMM threshold with 3 or 4
 * gates (run step by step when H is not a multiple of 8), and sizes that two threads split by
 * hidden units for the whole sequence (H a multiple of 8, chunks of unequal size, B of 1 and 5).
 */
const SHAPES: Array<[number, number, number]> = [
  [3, 2, 5],
  [4, 1, 16],
  [5, 3, 17],
  [4, 4, 18],
  [1, 5, 33],
  [6, 7, 99],
  [32, 8, 64],
  [3, 16, 130],
  [2, 32, 256],
  [7, 16, 128],
  [5, 5, 256],
  [3, 12, 200],
  [4, 40, 96],
  [3, 1, 512],
];

/** How `run` runs a case: W_hh pinned, step by step instead of the sequence method, float64 arrays. */
interface RunOptions {
  pinned?: boolean;
  viaSteps?: boolean;
  f64?: boolean;
}

/** The arrays of `c` after its sequence method (or its steps, `viaSteps`) ran on `backend`. */
function run(backend: Backend, c: SequenceCase, shape: [number, number, number], reverse: boolean, opts: RunOptions = {}): Direction {
  const [T, B, H] = shape;
  const d = makeDirection(c, T, B, H, reverse, 13 * T + 7 * B + H, opts.f64 ?? false);
  withPin(backend, d, opts.pinned ?? false, () => (opts.viaSteps ? c.steps : c.sequence)(backend, T, B, H, reverse, d));
  return d;
}

describe("the js sequences", () => {
  it("are the js steps run slot by slot, forward and reverse, in float32 and float64", () => {
    for (const c of SEQUENCE_CASES) {
      for (const reverse of [false, true]) {
        for (const f64 of [false, true]) {
          for (const shape of SHAPES.slice(0, 6)) {
            const got = run(JS_BACKEND, c, shape, reverse, { f64 });
            const want = run(JS_BACKEND, c, shape, reverse, { f64, viaSteps: true });
            if (f64) expect(req(got, "acts")).toBeInstanceOf(Float64Array);
            for (const key of c.outputs) expect(values(got[key]), `${c.name} ${key} ${shape}`).toEqual(values(want[key]));
          }
        }
      }
    }
  });

  it("run the reverse direction as the forward one over the time-reversed inputs", () => {
    const [T, B, H] = [5, 3, 7];
    const BH = B * H;
    for (const c of SEQUENCE_CASES) {
      const GBH = c.gates * BH;
      const back = makeDirection(c, T, B, H, true, 42, true);
      const fwd = makeDirection(c, T, B, H, false, 42, true);
      // the same weights, inputs in reversed time order, the initial state in slot 0
      fwd.wHh = req(back, "wHh").slice();
      fwd.bHh = back.bHh?.slice() ?? null;
      for (let t = 0; t < T; t++) req(fwd, "acts").set(req(back, "acts").subarray(t * GBH, (t + 1) * GBH), (T - 1 - t) * GBH);
      for (const key of ["h", "c"] as const) if (back[key] !== null) req(fwd, key).set(req(back, key).subarray(T * BH), 0);
      c.sequence(JS_BACKEND, T, B, H, true, back);
      c.sequence(JS_BACKEND, T, B, H, false, fwd);
      for (let t = 0; t < T; t++) {
        const s = T - 1 - t;
        const hb = Array.from(req(back, "h").subarray(t * BH, (t + 1) * BH));
        expect(hb, `${c.name} h at step ${t}`).toEqual(Array.from(req(fwd, "h").subarray((s + 1) * BH, (s + 2) * BH)));
        const ab = Array.from(req(back, "acts").subarray(t * GBH, (t + 1) * GBH));
        expect(ab, `${c.name} gates at step ${t}`).toEqual(Array.from(req(fwd, "acts").subarray(s * GBH, (s + 1) * GBH)));
      }
    }
  });
});

describeWasm("the wasm sequences", () => {
  const backends: Array<[string, Backend]> = [["one thread", single as Backend]];
  if (threaded !== null) backends.push(["two threads", threaded]);

  for (const [label, backend] of backends) {
    for (const c of SEQUENCE_CASES) {
      it(`${c.name} gives the same bits as the wasm steps run slot by slot, pinned W_hh or not, forward and reverse (${label})`, () => {
        for (const shape of SHAPES) {
          for (const reverse of [false, true]) {
            for (const pinned of [false, true]) {
              const got = run(backend, c, shape, reverse, { pinned });
              const want = run(backend, c, shape, reverse, { pinned, viaSteps: true });
              const what = `${shape} reverse=${reverse} pinned=${pinned}`;
              for (const key of c.outputs) expect(values(got[key]), `${key} ${what}`).toEqual(values(want[key]));
              expect(values(got.wHh), `W_hh ${what}`).toEqual(values(want.wHh));
            }
          }
        }
      });

      it(`${c.name} matches the js sequence within float32 rounding and leaves the initial state as it was (${label})`, () => {
        for (const shape of SHAPES) {
          const [T, B, H] = shape;
          for (const reverse of [false, true]) {
            const before = makeDirection(c, T, B, H, reverse, 13 * T + 7 * B + H, false);
            const got = run(backend, c, shape, reverse);
            const want = run(JS_BACKEND, c, shape, reverse);
            const what = `${shape} reverse=${reverse}`;
            for (const key of c.outputs) {
              expect(relError(req(got, key), req(want, key)), `${key} ${what}`).toBeLessThan(1e-5);
              // every element is written: the markers (7) of the unwritten slots are gone
              const init = key === "h" || key === "c" ? (reverse ? T * B * H : 0) : -1;
              const x = req(got, key);
              for (let i = 0; i < x.length; i++) {
                if (i >= init && i < init + B * H) continue;
                if (x[i] === 7) throw new Error(`${c.name}: ${key}[${i}] not written (${what})`);
              }
            }
            for (const key of ["h", "c"] as const) {
              if (got[key] === null) continue;
              const init = reverse ? T * B * H : 0;
              const kept = values(req(got, key).subarray(init, init + B * H));
              expect(kept, `initial ${key} ${what}`).toEqual(values(req(before, key).subarray(init, init + B * H)));
            }
          }
        }
      });
    }
  }

  it("split over two threads by hidden units, run each direction as one job and give the same bits as one thread", () => {
    if (threaded === null) return;
    const split = SHAPES.filter(([, B, H]) => H % 8 === 0 && B * 4 * H * H >= SEQUENCE_SPLIT_MIN_MACS);
    expect(split.length).toBeGreaterThanOrEqual(5);
    for (const c of SEQUENCE_CASES) {
      for (const shape of split) {
        if (shape[1] * c.gates * shape[2] * shape[2] < SEQUENCE_SPLIT_MIN_MACS) continue;
        for (const reverse of [false, true]) {
          const jobs = threaded.threadStats().jobs;
          const got = run(threaded, c, shape, reverse);
          const what = `${c.name} ${shape} reverse=${reverse}`;
          expect(threaded.threadStats().jobs - jobs, `jobs of ${what}`).toBe(1);
          const want = run(single as Backend, c, shape, reverse);
          for (const key of c.outputs) expect(values(got[key]), `${key} ${what}`).toEqual(values(want[key]));
        }
      }
    }
  });

  it("run float64 arrays through the js sequences, with the same results", () => {
    for (const c of SEQUENCE_CASES) {
      for (const reverse of [false, true]) {
        const got = run(single as Backend, c, [4, 3, 17], reverse, { f64: true, pinned: true });
        const want = run(JS_BACKEND, c, [4, 3, 17], reverse, { f64: true });
        expect(req(got, "h")).toBeInstanceOf(Float64Array);
        for (const key of c.outputs) expect(values(got[key]), `${c.name} ${key}`).toEqual(values(want[key]));
      }
    }
  });
});
