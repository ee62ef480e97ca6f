import type { Backend } from "../../src/backend";
import { rng } from "./gemm-cases";

// Shared by the whole-direction forward tests: seeded operands of one direction laid out as the
// fused recurrence lays them out, the sequence method, and the same direction made of T calls
// of the step method (the path the fused recurrence takes step by step).

type Floats = Float32Array | Float64Array;

/** The arrays of one direction, by name; null for an absent one (no b_hh, no c, no aux). */
export type Direction = Record<"wHh" | "bHh" | "acts" | "h" | "c" | "aux", Floats | null>;

/** One sequence method under test. */
export interface SequenceCase {
  /** What the case runs, e.g. `lstmSequence` or `gruSequence (no b_hh)`. */
  name: string;
  /** Gate blocks per unit: 4 LSTM, 3 GRU, 1 RNN. */
  gates: number;
  /** True when the method takes b_hh (the GRU's). */
  biasHh: boolean;
  /** Runs the sequence method of `backend` on `d`. */
  sequence(backend: Backend, T: number, B: number, H: number, reverse: boolean, d: Direction): void;
  /** Runs the step method of `backend` T times on `d`, slot by slot. */
  steps(backend: Backend, T: number, B: number, H: number, reverse: boolean, d: Direction): void;
  /** The arrays the method writes. */
  outputs: ReadonlyArray<keyof Direction>;
}

/** The array named `key` (present by construction of the case). */
export function req(d: Direction, key: keyof Direction): Floats {
  const x = d[key];
  if (x === null) throw new Error(`sequence-cases: no array ${key}`);
  return x;
}

/** Slots read and written by step t: t, t+1 (reverse: t+1, t), as element offsets. */
function slots(t: number, reverse: boolean, BH: number): [number, number] {
  return reverse ? [(t + 1) * BH, t * BH] : [t * BH, (t + 1) * BH];
}

/** Step indices in the order the direction runs them. */
function order(T: number, reverse: boolean): number[] {
  const ts = Array.from({ length: T }, (_, k) => k);
  return reverse ? ts.reverse() : ts;
}

/**
 * Seeded arrays of one direction: P in [-2, 2), W_hh at twice PyTorch's init scale, the initial
 * states (slot 0, or slot T in reverse) in [-1, 1); every other slot and `aux` hold a marker
 * value, so a slot left unwritten shows.
 */
export function makeDirection(c: SequenceCase, T: number, B: number, H: number, reverse: boolean, seed: number, f64: boolean): Direction {
  const next = rng(seed);
  const make = (n: number, lo: number, hi: number): Floats => {
    const out = f64 ? new Float64Array(n) : new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * next();
    return out;
  };
  const BH = B * H;
  const s = 2 / Math.sqrt(H);
  const states = (): Floats => {
    const x = make((T + 1) * BH, 7, 7);
    x.set(make(BH, -1, 1), reverse ? T * BH : 0);
    return x;
  };
  const lstm = c.gates === 4;
  const gru = c.gates === 3;
  return {
    wHh: make(c.gates * H * H, -s, s),
    bHh: c.biasHh ? make(3 * H, -s, s) : null,
    acts: make(T * B * c.gates * H, -2, 2),
    h: states(),
    c: lstm ? states() : null,
    aux: lstm || gru ? make(T * BH, 7, 7) : null,
  };
}

const lstm: SequenceCase = {
  name: "lstmSequence",
  gates: 4,
  biasHh: false,
  sequence(backend, T, B, H, reverse, d) {
    backend.lstmSequence({ T, B, H, reverse, wHh: req(d, "wHh"), acts: req(d, "acts"), c: req(d, "c"), h: req(d, "h"), tanhC: req(d, "aux") });
  },
  steps(backend, T, B, H, reverse, d) {
    const BH = B * H;
    for (const t of order(T, reverse)) {
      const [prev, out] = slots(t, reverse, BH);
      backend.lstmStep({ B, H, wHh: req(d, "wHh"), acts: req(d, "acts"), actsOff: t * 4 * BH, c: req(d, "c"), cPrevOff: prev, cOff: out, h: req(d, "h"), hPrevOff: prev, hOff: out, tanhC: req(d, "aux"), tanhCOff: t * BH });
    }
  },
  outputs: ["acts", "h", "c", "aux"],
};

function gru(bias: boolean): SequenceCase {
  return {
    name: bias ? "gruSequence" : "gruSequence (no b_hh)",
    gates: 3,
    biasHh: bias,
    sequence(backend, T, B, H, reverse, d) {
      backend.gruSequence({ T, B, H, reverse, wHh: req(d, "wHh"), bHh: d.bHh, acts: req(d, "acts"), h: req(d, "h"), hn: req(d, "aux") });
    },
    steps(backend, T, B, H, reverse, d) {
      const BH = B * H;
      for (const t of order(T, reverse)) {
        const [prev, out] = slots(t, reverse, BH);
        backend.gruStep({ B, H, wHh: req(d, "wHh"), bHh: d.bHh, acts: req(d, "acts"), actsOff: t * 3 * BH, h: req(d, "h"), hPrevOff: prev, hOff: out, hn: req(d, "aux"), hnOff: t * BH });
      }
    },
    outputs: ["acts", "h", "aux"],
  };
}

function rnn(nonlinearity: "tanh" | "relu"): SequenceCase {
  return {
    name: `rnnSequence (${nonlinearity})`,
    gates: 1,
    biasHh: false,
    sequence(backend, T, B, H, reverse, d) {
      backend.rnnSequence({ T, B, H, nonlinearity, reverse, wHh: req(d, "wHh"), acts: req(d, "acts"), h: req(d, "h") });
    },
    steps(backend, T, B, H, reverse, d) {
      const BH = B * H;
      for (const t of order(T, reverse)) {
        const [prev, out] = slots(t, reverse, BH);
        backend.rnnStep({ B, H, nonlinearity, wHh: req(d, "wHh"), acts: req(d, "acts"), actsOff: t * BH, h: req(d, "h"), hPrevOff: prev, hOff: out });
      }
    },
    outputs: ["acts", "h"],
  };
}

/** Every sequence method, the GRU with and without b_hh, the RNN with both nonlinearities. */
export const SEQUENCE_CASES: readonly SequenceCase[] = [lstm, gru(true), gru(false), rnn("tanh"), rnn("relu")];

/** Runs `f` with W_hh pinned on `backend` when `pinned`. */
export function withPin(backend: Backend, d: Direction, pinned: boolean, f: () => void): void {
  const handle = pinned ? backend.pin(req(d, "wHh")) : null;
  try {
    f();
  } finally {
    if (handle !== null) backend.unpin(handle);
  }
}
