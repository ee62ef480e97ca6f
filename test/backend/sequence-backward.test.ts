import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { sequenceBackwardsOfSteps } from "../../src/backend/js/sequence-backward";
import type { RecurrentSequenceBackwards } from "../../src/backend/recurrent-backwards";
import { createWasmBackend } from "../../src/backend/wasm";
import { SEQUENCE_SPLIT_MIN_MACS } from "../../src/backend/wasm/sequence";
import { rng } from "./gemm-cases";
import { Direction, SEQUENCE_CASES, SequenceCase, makeDirection, req, withPin } from "./sequence-cases";
import { relError, values } from "./steps-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const threaded = createWasmBackend(JS_BACKEND, { threads: 2 });
const describeWasm = single === null ? describe.skip : describe;

type Floats = Float32Array | Float64Array;
/** The gradient arrays of one direction's backward: inputs dhLast, dY, dc; outputs dG, dGh, dhPrev, dc. */
type Grads = Record<"dhLast" | "dG" | "dhPrev", Floats> & Record<"dY" | "dc" | "dGh", Floats | null>;

/**
 * Shapes [T, B, H]: a tiny block (run step by step), H with a tail after the multiples of 4 and 8,
 * one step, and sizes two threads split by hidden units (H a multiple of 8, unequal chunks, B 1).
 */
const SHAPES: Array<[number, number, number]> = [
  [3, 2, 5],
  [5, 3, 17],
  [1, 5, 33],
  [6, 7, 99],
  [7, 16, 128],
  [4, 40, 96],
  [3, 1, 512],
];

/** A forward direction of `c` run on the js backend, and seeded gradients for its backward (`withY`: dL/dy given). */
function prepare(c: SequenceCase, shape: [number, number, number], reverse: boolean, withY: boolean): [Direction, Grads] {
  const [T, B, H] = shape;
  const d = makeDirection(c, T, B, H, reverse, 11 * T + 5 * B + H, false);
  c.sequence(JS_BACKEND, T, B, H, reverse, d);
  const next = rng(3 * T + B + 7 * H);
  const make = (n: number): Float32Array => Float32Array.from({ length: n }, () => 2 * next() - 1);
  const BH = B * H;
  const g: Grads = {
    dhLast: make(BH),
    dY: withY ? make(T * BH) : null,
    dc: c.gates === 4 ? make(BH) : null,
    dG: new Float32Array(T * c.gates * BH).fill(7),
    dGh: c.gates === 3 ? new Float32Array(T * 3 * BH).fill(7) : null,
    dhPrev: new Float32Array(T * BH).fill(7),
  };
  return [d, g];
}

/** Runs the sequence backward of `c` from `methods` on copies of `g`; returns the copies. */
function backward(
  methods: RecurrentSequenceBackwards,
  c: SequenceCase,
  shape: [number, number, number],
  reverse: boolean,
  d: Direction,
  g: Grads,
  initialGrad = true,
): Grads {
  const [T, B, H] = shape;
  const o: Grads = { ...g, dc: g.dc?.slice() ?? null, dG: g.dG.slice(), dGh: g.dGh?.slice() ?? null, dhPrev: g.dhPrev.slice() };
  const common = { T, B, H, reverse, wHh: req(d, "wHh"), acts: req(d, "acts"), dhLast: o.dhLast, dY: o.dY, dG: o.dG, dhPrev: o.dhPrev, initialGrad };
  if (c.gates === 4) methods.lstmSequenceBackward({ ...common, c: req(d, "c"), tanhC: req(d, "aux"), dc: o.dc as Floats });
  else if (c.gates === 3) methods.gruSequenceBackward({ ...common, h: req(d, "h"), hn: req(d, "aux"), dGh: o.dGh as Floats });
  else methods.rnnSequenceBackward({ ...common, nonlinearity: c.name.includes("relu") ? "relu" : "tanh" });
  return o;
}

const OUTPUTS = ["dG", "dGh", "dhPrev", "dc"] as const;
/** The GRU once (b_hh is not part of the backward). */
const CASES = SEQUENCE_CASES.filter((c) => !c.name.includes("no b_hh"));

describeWasm("the wasm sequence backwards", () => {
  const backends: Array<[string, Backend]> = [["one thread", single as Backend]];
  if (threaded !== null) backends.push(["two threads", threaded]);

  for (const [label, backend] of backends) {
    for (const c of CASES) {
      it(`of ${c.name} give the same bits as the wasm step backwards run slot by slot, and match the js ones (${label})`, () => {
        const stepwise = sequenceBackwardsOfSteps(backend);
        for (const shape of SHAPES) {
          for (const reverse of [false, true]) {
            for (const withY of [false, true]) {
              const [d, g] = prepare(c, shape, reverse, withY);
              const what = `${shape} reverse=${reverse} dY=${withY}`;
              let got = g;
              withPin(backend, d, true, () => void (got = backward(backend, c, shape, reverse, d, g)));
              const want = backward(stepwise, c, shape, reverse, d, g);
              const js = backward(JS_BACKEND, c, shape, reverse, d, g);
              for (const key of OUTPUTS) {
                const x = got[key];
                if (x === null) continue;
                expect(values(x), `${key} ${what}`).toEqual(values(want[key] as Floats));
                expect(relError(x, js[key] as Floats), `${key} ${what} against js`).toBeLessThan(1e-4);
                expect(Array.from(x).includes(7), `${key} ${what} fully written`).toBe(false);
              }
            }
          }
        }
      });
    }
  }

  it("split over two threads by hidden units run each direction as one job and give the same bits as one thread", () => {
    if (threaded === null) return;
    let jobsChecked = 0;
    for (const c of CASES) {
      for (const shape of SHAPES) {
        const [, B, H] = shape;
        if (H % 8 !== 0 || B * c.gates * H * H < SEQUENCE_SPLIT_MIN_MACS) continue;
        for (const reverse of [false, true]) {
          const [d, g] = prepare(c, shape, reverse, true);
          const jobs = threaded.threadStats().jobs;
          const got = backward(threaded, c, shape, reverse, d, g);
          const what = `${c.name} ${shape} reverse=${reverse}`;
          expect(threaded.threadStats().jobs - jobs, `jobs of ${what}`).toBe(1);
          jobsChecked++;
          const want = backward(single as Backend, c, shape, reverse, d, g);
          for (const key of OUTPUTS) if (got[key] !== null) expect(values(got[key] as Floats), `${key} ${what}`).toEqual(values(want[key] as Floats));
        }
      }
    }
    expect(jobsChecked).toBeGreaterThanOrEqual(6);
  });

  it("without the initial state's gradient give the same bits in every other block and array", () => {
    const shape: [number, number, number] = [4, 16, 128];
    const BH = 16 * 128;
    for (const backend of [single, threaded]) {
      if (backend === null) continue;
      for (const c of CASES) {
        for (const reverse of [false, true]) {
          const [d, g] = prepare(c, shape, reverse, true);
          const got = backward(backend, c, shape, reverse, d, g, false);
          const want = backward(backend, c, shape, reverse, d, g);
          const first = reverse ? 3 : 0;
          const what = `${c.name} reverse=${reverse}`;
          for (const key of ["dG", "dGh", "dc"] as const) if (got[key] !== null) expect(values(got[key] as Floats), `${key} ${what}`).toEqual(values(want[key] as Floats));
          const block = (x: Floats, t: number): number[] => Array.from(x.subarray(t * BH, (t + 1) * BH));
          for (let t = 0; t < 4; t++) {
            if (t !== first) expect(block(got.dhPrev, t), `block ${t} ${what}`).toEqual(block(want.dhPrev, t));
          }
        }
      }
    }
  });
});
