import type { Backend } from "../../src/backend";
import { rng } from "./gemm-cases";

// Shared by the recurrent-step tests: seeded operands for each step method, laid out behind a
// few padding elements (and with input and output blocks of one array apart), and the call.

type Floats = Float32Array | Float64Array;

/** The operands of one step call, by name; null for an absent bias. */
export type Operands = Record<string, Floats | null>;

/** One step method under test. */
export interface StepCase {
  /** What the case runs, e.g. `lstmStep` or `rnnStepBackward (relu)`. */
  name: string;
  /** Gate blocks per unit: the rows of W_hh are G H. */
  gates: number;
  /** Seeded operands for B rows of H units (float64 arrays when f64). */
  make(B: number, H: number, seed: number, f64: boolean): Operands;
  /** Runs the method of `backend` on `o`. */
  call(backend: Backend, B: number, H: number, o: Operands): void;
  /** The operands the method writes; every other one must stay as it was. */
  outputs: readonly string[];
}

/** A filler of seeded uniform values in [lo, hi): the same seed gives the same arrays. */
function filler(seed: number, f64: boolean): (n: number, lo: number, hi: number) => Floats {
  const next = rng(seed);
  return (n, lo, hi) => {
    const out = f64 ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
    return out;
  };
}

/** The array named `key` (present by construction of the case). */
function at(o: Operands, key: string): Floats {
  const x = o[key];
  if (x === undefined || x === null) throw new Error(`steps-cases: no operand ${key}`);
  return x;
}

/**
 * Gate activations for a backward: values in (0, 1), the tanh blocks (`tanhBlock`, -1 for none)
 * in (-1, 1); rows of G H behind `pad` elements.
 */
function activations(fill: ReturnType<typeof filler>, pad: number, B: number, H: number, G: number, tanhBlock: number): Floats {
  const out = fill(pad + B * G * H, 0, 1);
  if (tanhBlock >= 0) for (let b = 0; b < B; b++) out.set(fill(H, -1, 1), pad + b * G * H + tanhBlock * H);
  return out;
}

/** Weights of the scale of PyTorch's init, U(-1/sqrt(H), 1/sqrt(H)) times two. */
function weights(fill: ReturnType<typeof filler>, G: number, H: number): Floats {
  const s = 2 / Math.sqrt(H);
  return fill(G * H * H, -s, s);
}

const lstmStep: StepCase = {
  name: "lstmStep",
  gates: 4,
  make(B, H, seed, f64) {
    const fill = filler(seed, f64);
    const n = B * H;
    const o = { wHh: weights(fill, 4, H), acts: fill(3 + 4 * n, -2, 2), c: fill(1 + n + 2 + n + 1, -2, 2) };
    return { ...o, h: fill(2 + n + 1 + n + 3, -1, 1), tanhC: fill(4 + n + 1, -9, 9) };
  },
  call(backend, B, H, o) {
    const n = B * H;
    backend.lstmStep({ B, H, wHh: at(o, "wHh"), acts: at(o, "acts"), actsOff: 3, c: at(o, "c"), cPrevOff: 1, cOff: 3 + n, h: at(o, "h"), hPrevOff: 2, hOff: 3 + n, tanhC: at(o, "tanhC"), tanhCOff: 4 });
  },
  outputs: ["acts", "c", "h", "tanhC"],
};

const lstmStepBackward: StepCase = {
  name: "lstmStepBackward",
  gates: 4,
  make(B, H, seed, f64) {
    const fill = filler(seed, f64);
    const n = B * H;
    const o = { wHh: weights(fill, 4, H), gates: activations(fill, 3, B, H, 4, 2), cPrev: fill(1 + n, -2, 2), tanhC: fill(2 + n, -1, 1) };
    return { ...o, dh: fill(5 + n, -1, 1), dc: fill(4 + n + 2, -1, 1), dG: fill(6 + 4 * n, -9, 9), dhPrev: fill(7 + n + 1, -9, 9) };
  },
  call(backend, B, H, o) {
    const x = (key: string): Floats => at(o, key);
    backend.lstmStepBackward({ B, H, wHh: x("wHh"), gates: x("gates"), gatesOff: 3, cPrev: x("cPrev"), cPrevOff: 1, tanhC: x("tanhC"), tanhCOff: 2, dh: x("dh"), dhOff: 5, dc: x("dc"), dcOff: 4, dG: x("dG"), dGOff: 6, dhPrev: x("dhPrev"), dhPrevOff: 7 });
  },
  outputs: ["dc", "dG", "dhPrev"],
};

function gruStep(bias: boolean): StepCase {
  return {
    name: bias ? "gruStep" : "gruStep (no b_hh)",
    gates: 3,
    make(B, H, seed, f64) {
      const fill = filler(seed, f64);
      const n = B * H;
      const o = { wHh: weights(fill, 3, H), bHh: bias ? fill(3 * H, -1, 1) : null, acts: fill(2 + 3 * n, -2, 2) };
      return { ...o, h: fill(3 + n + 2 + n + 1, -1, 1), hn: fill(4 + n + 1, -9, 9) };
    },
    call(backend, B, H, o) {
      const n = B * H;
      backend.gruStep({ B, H, wHh: at(o, "wHh"), bHh: o["bHh"] ?? null, acts: at(o, "acts"), actsOff: 2, h: at(o, "h"), hPrevOff: 3, hOff: 5 + n, hn: at(o, "hn"), hnOff: 4 });
    },
    outputs: ["acts", "h", "hn"],
  };
}

const gruStepBackward: StepCase = {
  name: "gruStepBackward",
  gates: 3,
  make(B, H, seed, f64) {
    const fill = filler(seed, f64);
    const n = B * H;
    const o = { wHh: weights(fill, 3, H), gates: activations(fill, 2, B, H, 3, 2), hn: fill(1 + n, -3, 3), h: fill(3 + n, -1, 1) };
    const outs = { dGx: fill(5 + 3 * n, -9, 9), dGh: fill(6 + 3 * n, -9, 9), dhPrev: fill(7 + n + 1, -9, 9) };
    return { ...o, dh: fill(4 + n, -1, 1), ...outs };
  },
  call(backend, B, H, o) {
    const x = (key: string): Floats => at(o, key);
    backend.gruStepBackward({ B, H, wHh: x("wHh"), gates: x("gates"), gatesOff: 2, hn: x("hn"), hnOff: 1, h: x("h"), hPrevOff: 3, dh: x("dh"), dhOff: 4, dGx: x("dGx"), dGxOff: 5, dGh: x("dGh"), dGhOff: 6, dhPrev: x("dhPrev"), dhPrevOff: 7 });
  },
  outputs: ["dGx", "dGh", "dhPrev"],
};

function rnnStep(nonlinearity: "tanh" | "relu"): StepCase {
  return {
    name: `rnnStep (${nonlinearity})`,
    gates: 1,
    make(B, H, seed, f64) {
      const fill = filler(seed, f64);
      const n = B * H;
      return { wHh: weights(fill, 1, H), acts: fill(3 + n, -2, 2), h: fill(2 + n + 1 + n + 2, -1, 1) };
    },
    call(backend, B, H, o) {
      backend.rnnStep({ B, H, nonlinearity, wHh: at(o, "wHh"), acts: at(o, "acts"), actsOff: 3, h: at(o, "h"), hPrevOff: 2, hOff: 3 + B * H });
    },
    outputs: ["acts", "h"],
  };
}

function rnnStepBackward(nonlinearity: "tanh" | "relu"): StepCase {
  return {
    name: `rnnStepBackward (${nonlinearity})`,
    gates: 1,
    make(B, H, seed, f64) {
      const fill = filler(seed, f64);
      const n = B * H;
      // h_t as the forward leaves it: tanh in (-1, 1); ReLU >= 0 with about a third exact zeros
      const h = fill(3 + n, nonlinearity === "tanh" ? -1 : -0.5, 1);
      if (nonlinearity === "relu") for (let i = 0; i < h.length; i++) h[i] = Math.max(h[i] as number, 0);
      return { wHh: weights(fill, 1, H), acts: h, dh: fill(5 + n, -1, 1), dG: fill(6 + n, -9, 9), dhPrev: fill(7 + n + 1, -9, 9) };
    },
    call(backend, B, H, o) {
      backend.rnnStepBackward({ B, H, nonlinearity, wHh: at(o, "wHh"), acts: at(o, "acts"), actsOff: 3, dh: at(o, "dh"), dhOff: 5, dG: at(o, "dG"), dGOff: 6, dhPrev: at(o, "dhPrev"), dhPrevOff: 7 });
    },
    outputs: ["dG", "dhPrev"],
  };
}

/** Every step method, forward and backward, with both GRU bias settings and both RNN activations. */
export const STEP_CASES: readonly StepCase[] = [
  lstmStep,
  lstmStepBackward,
  gruStep(true),
  gruStep(false),
  gruStepBackward,
  rnnStep("tanh"),
  rnnStep("relu"),
  rnnStepBackward("tanh"),
  rnnStepBackward("relu"),
];

/** Largest |x - y| / (1 + |y|) over two arrays: float32 rounding of values of order one. */
export function relError(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < y.length; i++) {
    const d = Math.abs((x[i] as number) - (y[i] as number)) / (1 + Math.abs(y[i] as number));
    worst = Math.max(worst, Number.isNaN(d) ? Infinity : d);
  }
  return worst;
}

/** The values of an array with -0 read as 0, for exact comparisons that ignore the zero's sign. */
export function values(x: Floats | null): number[] {
  return x === null ? [] : Array.from(x, (v) => v + 0);
}
