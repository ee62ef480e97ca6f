/**
 * Property-based fuzzing of the public ops and creation functions (fast-check, fixed seed and a
 * fixed budget of cases): random shapes with empty and size-1 dims, dtypes, NaN and Inf, and
 * random option objects. Each call either returns what a plain-JS reference computes or throws a
 * seqgrad error whose message starts with the op's name; nothing else is allowed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as sg from "../../src";
import { SeqgradError, Tensor } from "../../src";

/** Cases per property; FUZZ_RUNS in the environment raises it for a longer hunt. */
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 150);
const SEED = 15;
function run<Ts extends [unknown, ...unknown[]]>(property: fc.IProperty<Ts>): void {
  fc.assert(property, { numRuns: RUNS, seed: SEED });
}

const shapeArb = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 3 });
const valueArb = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0) },
);
const floatDType = fc.constantFrom<"float32" | "float64">("float32", "float64");
const tensorArb = fc
  .tuple(shapeArb, floatDType)
  .chain(([shape, dtype]) => {
    const n = shape.reduce((a, b) => a * b, 1);
    return fc.array(valueArb, { minLength: n, maxLength: n }).map((values) => sg.tensor(values.length === 0 ? [] : values, { dtype }).reshape(shape));
  });

/** Same value, NaN equal to NaN, float32 rounding allowed. */
function close(a: number, b: number, dtype: string): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  const tol = dtype === "float32" ? 1e-5 : 1e-12;
  return Math.abs(a - b) <= tol * (1 + Math.abs(b));
}

/** Either `fn()` succeeds, or it throws a SeqgradError whose message starts with `op`. */
function resultOrNamedError<T>(op: string, fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SeqgradError);
    expect((e as Error).message.startsWith(`${op}`)).toBe(true);
    return undefined;
  }
}

const f32 = (v: number): number => Math.fround(v);
const UNARY: Record<string, [(t: Tensor) => Tensor, (v: number) => number]> = {
  relu: [sg.relu, (v) => (v > 0 || Number.isNaN(v) ? v : 0)],
  tanh: [sg.tanh, Math.tanh],
  sigmoid: [sg.sigmoid, (v) => 1 / (1 + Math.exp(-v))],
  exp: [sg.exp, Math.exp],
  abs: [sg.abs, Math.abs],
  neg: [sg.neg, (v) => -v],
};

describe("fuzz: elementwise ops match a plain-JS reference on any shape, NaN and Inf included", () => {
  it.each(Object.keys(UNARY))("%s", (name) => {
    const [op, ref] = UNARY[name] as [(t: Tensor) => Tensor, (v: number) => number];
    run(
      fc.property(tensorArb, (x) => {
        const out = op(x);
        expect(out.shape).toEqual(x.shape);
        expect(out.dtype).toBe(x.dtype);
        for (let i = 0; i < x.numel; i++) {
          const want = x.dtype === "float32" ? f32(ref(x.data[i] as number)) : ref(x.data[i] as number);
          if (!close(out.data[i] as number, want, x.dtype)) throw new Error(`${name}(${x.data[i]}) = ${out.data[i]}, expected ${want}`);
        }
      }),
    );
  });

  it("clamp keeps NaN, clips into [min, max], and rejects NaN or crossed bounds with a clamp error", () => {
    run(
      fc.property(tensorArb, fc.option(valueArb), fc.option(valueArb), (x, lo, hi) => {
        const out = resultOrNamedError("clamp", () => sg.clamp(x, lo ?? undefined, hi ?? undefined));
        if (out === undefined) return;
        for (let i = 0; i < x.numel; i++) {
          const v = x.data[i] as number;
          const want = Number.isNaN(v) ? NaN : Math.min(Math.max(v, lo ?? -Infinity), hi ?? Infinity);
          expect(close(out.data[i] as number, x.dtype === "float32" ? f32(want) : want, x.dtype)).toBe(true);
        }
      }),
    );
  });
});

describe("fuzz: reductions along a random dim match the reference", () => {
  const REDUCE: Record<string, [(t: Tensor, d: number) => Tensor, (row: number[]) => number]> = {
    sum: [(t, d) => sg.sum(t, d), (r) => r.reduce((a, b) => a + b, 0)],
    mean: [(t, d) => sg.mean(t, d), (r) => r.reduce((a, b) => a + b, 0) / r.length],
    amax: [(t, d) => sg.amax(t, d), (r) => (r.some(Number.isNaN) ? NaN : Math.max(...r))],
  };
  it.each(Object.keys(REDUCE))("%s", (name) => {
    const [op, ref] = REDUCE[name] as [(t: Tensor, d: number) => Tensor, (row: number[]) => number];
    run(
      fc.property(tensorArb, fc.integer({ min: -4, max: 4 }), (x, dim) => {
        const out = resultOrNamedError(name, () => op(x, dim));
        if (out === undefined) return;
        const d = dim < 0 ? dim + x.ndim : dim;
        const size = x.shape[d] ?? 1;
        const inner = x.shape.slice(d + 1).reduce((a, b) => a * b, 1);
        for (let o = 0; o < out.numel; o++) {
          const outer = Math.floor(o / inner);
          const k = o % inner;
          const row = Array.from({ length: size }, (_, j) => x.data[(outer * size + j) * inner + k] as number);
          const want = ref(row);
          const tol = x.dtype === "float32" ? 1e-4 : 1e-10;
          const got = out.data[o] as number;
          const ok = Number.isNaN(want) ? Number.isNaN(got) : !Number.isFinite(want) ? got === want : Math.abs(got - want) <= tol * (1 + row.reduce((a, b) => a + Math.abs(b), 0));
          if (!ok) throw new Error(`${name}(dim ${dim}) of row [${row}] = ${got}, expected ${want}`);
        }
      }),
    );
  });
});

describe("fuzz: bad input is a seqgrad error naming the op", () => {
  // sizes stay small or are far beyond memory (2^40): nothing here allocates more than a few bytes
  const anyValue = fc.oneof(fc.integer({ min: -3, max: 6 }), fc.double(), fc.constantFrom(NaN, Infinity, -1, 0.5, 1e300, 2 ** 40, 2 ** 32 + 1), fc.string({ maxLength: 3 }), fc.constant(null), fc.boolean());
  const optionsArb = fc.dictionary(fc.constantFrom("dtype", "requiresGrad", "shape", "generator", "dtpye", "seed", "__proto__", "constructor"), anyValue, { maxKeys: 3 });
  const sizes = fc.array(anyValue, { maxLength: 3 });

  it.each(["zeros", "ones", "rand", "randn"])("%s with random shapes and option objects", (op) => {
    const fn = (sg as unknown as Record<string, (s: unknown, o: unknown) => Tensor>)[op] as (s: unknown, o: unknown) => Tensor;
    run(
      fc.property(sizes, optionsArb, (shape, options) => {
        const out = resultOrNamedError(op, () => fn(shape, options));
        if (out !== undefined) expect(out.shape).toEqual(shape);
      }),
    );
  });

  it("tensor with random values, dtypes and shapes", () => {
    run(
      fc.property(fc.array(anyValue, { maxLength: 4 }), optionsArb, (values, options) => {
        const out = resultOrNamedError("tensor", () => sg.tensor(values as number[], options as never));
        if (out !== undefined && out.dtype === "int32") expect(Array.from(out.data)).toEqual(values);
      }),
    );
  });

  it("indexSelect and crossEntropy with random index lists", () => {
    const x = sg.randn([3, 4]);
    run(
      fc.property(fc.array(anyValue, { maxLength: 3 }), (index) => {
        const rows = resultOrNamedError("indexSelect", () => sg.indexSelect(x, 0, index as number[]));
        if (rows !== undefined) expect(rows.shape).toEqual([index.length, 4]);
        const loss = resultOrNamedError("crossEntropy", () => sg.crossEntropy(x, index as number[]));
        if (loss !== undefined) expect(index.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 4)).toBe(true);
      }),
    );
  });

  it("attention forward, paddingMask and sampleToken with random inputs", () => {
    const att = new sg.nn.DotAttention();
    const q = sg.randn([2, 3]);
    const k = sg.randn([2, 4, 3]);
    run(
      fc.property(fc.array(anyValue, { maxLength: 3 }), optionsArb, fc.array(valueArb, { maxLength: 4 }), (lengths, options, logits) => {
        const mask = resultOrNamedError("paddingMask", () => sg.nn.paddingMask(lengths as number[], 4));
        if (mask !== undefined) expect(lengths.every((n) => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 4)).toBe(true);
        resultOrNamedError("DotAttention.forward", () => att.forward(q, k, k, options as never));
        const id = resultOrNamedError("sampleToken", () => sg.generate.sampleToken(logits, { temperature: 1 }, new sg.Generator(0)));
        if (id !== undefined) expect(id >= 0 && id < logits.length).toBe(true);
      }),
    );
  });
});
