import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import type { Backend } from "../../src/backend";
import { createWasmBackend } from "../../src/backend/wasm";
import { Case, operands, randomCase, rng, run } from "./gemm-cases";

const single = createWasmBackend(JS_BACKEND, { threads: 1 });
const threaded = createWasmBackend(JS_BACKEND, { threads: 2 });
const describeWasm = single === null ? describe.skip : describe;

/** run() with A, B or both pinned for the call; the handles are released afterwards. */
function runPinned(backend: Backend, c: Case, a: Float32Array, b: Float32Array, cm: Float32Array, which: "a" | "b" | "ab"): Float32Array {
  const handles = [];
  if (which !== "b") handles.push(backend.pin(a));
  if (which !== "a") handles.push(backend.pin(b));
  try {
    return run(backend, c, a, b, cm);
  } finally {
    for (const h of handles) backend.unpin(h);
  }
}

/** A [rows, cols] float32 matrix of small integers, so sums are exact in float32. */
function ints(rows: number, cols: number, next: () => number): Float32Array {
  return Float32Array.from({ length: rows * cols }, () => Math.floor(next() * 9) - 4);
}

describe("the js backend's pin", () => {
  it("is the identity: the handle holds the very array and unpin releases nothing", () => {
    const w = new Float32Array(6);
    const p = JS_BACKEND.pin(w);
    expect(p.data).toBe(w);
    expect(p.length).toBe(6);
    expect(() => JS_BACKEND.unpin(p)).not.toThrow();
  });
});

describeWasm("a pinned gemm operand of the wasm backend", () => {
  const backends: Array<[string, Backend]> = [["one thread", single as Backend]];
  if (threaded !== null) backends.push(["two threads", threaded]);

  for (const [label, backend] of backends) {
    it(`gives bit-identical results to the unpinned gemm on 120 random cases (${label})`, () => {
      const next = rng(77);
      for (let t = 0; t < 120; t++) {
        const c = randomCase(next, t < 100 ? 24 : 140);
        const { a, b, cm } = operands(c, next);
        const plain = Array.from(run(backend, c, a, b, cm));
        for (const which of ["a", "b", "ab"] as const) {
          expect(Array.from(runPinned(backend, c, a, b, cm, which)), `${which} ${JSON.stringify(c)}`).toEqual(plain);
        }
      }
    }, 60_000);

    it(`serves the recurrence's products (h W_hh^T, dG W_hh) from one pin, as unpinned (${label})`, () => {
      const next = rng(3);
      const [B, H, GH] = [32, 256, 1024];
      const w = Float32Array.from({ length: GH * H }, () => next() - 0.5);
      const hs = Float32Array.from({ length: 3 * B * H }, () => next() - 0.5);
      const dG = Float32Array.from({ length: 2 * B * GH }, () => next() - 0.5);
      const steps = (): number[] => {
        const acts = new Float32Array(2 * B * GH).fill(0.25);
        const dh = new Float32Array(B * H).fill(-1);
        for (let t = 0; t < 2; t++) {
          backend.gemm(false, true, B, GH, H, 1, hs, t * B * H, H, w, 0, H, 1, acts, t * B * GH, GH);
          backend.gemm(false, false, B, H, GH, 1, dG, t * B * GH, GH, w, 0, H, 1, dh, 0, H);
        }
        return [...acts, ...dh];
      };
      const plain = steps();
      const p = backend.pin(w);
      const pinned = steps();
      backend.unpin(p);
      expect(pinned).toEqual(plain);
    }, 30_000);
  }

  const backend = single as Backend;

  it("reads the resident copy inside the scope: a change made behind the backend's back is not seen", () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([1, 0, 0, 1]);
    const c = new Float32Array(4);
    const p = backend.pin(b);
    b[0] = 5; // breaks the contract on purpose: the copy made by pin is what the gemm multiplies
    backend.gemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
    backend.unpin(p);
    expect(Array.from(c)).toEqual([1, 2, 3, 4]);
  });

  it("sees a change made between scopes, both unpinned and in the next scope (nothing cached across scopes)", () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([1, 0, 0, 1]);
    const c = new Float32Array(4);
    const product = (): number[] => {
      backend.gemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
      return Array.from(c);
    };
    let p = backend.pin(b);
    expect(product()).toEqual([1, 2, 3, 4]);
    backend.unpin(p);
    b[0] = 2; // an optimizer step between two scopes
    expect(product()).toEqual([2, 2, 6, 4]);
    p = backend.pin(b);
    expect(product()).toEqual([2, 2, 6, 4]);
    backend.unpin(p);
  });

  it("copies the current contents again when an array already pinned is pinned anew", () => {
    const a = Float32Array.from([1, 2, 3, 4]);
    const b = Float32Array.from([1, 0, 0, 1]);
    const c = new Float32Array(4);
    const outer = backend.pin(b);
    b[3] = 3;
    const inner = backend.pin(b);
    backend.gemm(false, false, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
    backend.unpin(inner);
    backend.unpin(outer);
    expect(Array.from(c)).toEqual([1, 6, 3, 12]);
  });

  it("sees the backend's own writes into a pinned array (gemm output, cell kernels)", () => {
    const next = rng(11);
    const x = ints(4, 4, next);
    const w = ints(4, 4, next);
    const eye = Float32Array.from({ length: 16 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const expected = new Float32Array(16);
    JS_BACKEND.gemm(false, false, 4, 4, 4, 1, x, 0, 4, eye, 0, 4, 0, expected, 0, 4);
    const p = backend.pin(w);
    backend.gemm(false, false, 4, 4, 4, 1, x, 0, 4, eye, 0, 4, 0, w, 0, 4); // w = x
    const out = new Float32Array(16);
    backend.gemm(false, false, 4, 4, 4, 1, w, 0, 4, eye, 0, 4, 0, out, 0, 4);
    expect(Array.from(out)).toEqual(Array.from(expected));
    const t = Float32Array.from({ length: 64 }, () => next() * 4 - 2);
    const q = backend.pin(t);
    backend.tanh(64, t, 0, t, 0);
    const viaPin = new Float32Array(64);
    backend.gemm(false, false, 8, 8, 8, 1, t, 0, 8, Float32Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? 1 : 0)), 0, 8, 0, viaPin, 0, 8);
    expect(Array.from(viaPin)).toEqual(Array.from(t));
    backend.unpin(q);
    backend.unpin(p);
  });

  it("packs a pinned B again after the backend wrote into it, for every shape it was used with", () => {
    const next = rng(12);
    const x = ints(16, 16, next);
    const w = ints(16, 16, next);
    const fresh = ints(16, 16, next);
    const eye = Float32Array.from({ length: 256 }, (_, i) => (i % 17 === 0 ? 1 : 0));
    const both = (): number[] => {
      const out = new Float32Array(512);
      backend.gemm(false, true, 16, 16, 16, 1, x, 0, 16, w, 0, 16, 0, out, 0, 16);
      backend.gemm(false, false, 8, 16, 16, 1, x, 0, 16, w, 0, 16, 0, out, 256, 16);
      return Array.from(out);
    };
    const p = backend.pin(w);
    both(); // packs w for both shapes
    backend.gemm(false, false, 16, 16, 16, 1, fresh, 0, 16, eye, 0, 16, 0, w, 0, 16); // w = fresh
    const inScope = both();
    backend.unpin(p);
    expect(inScope).toEqual(both());
    const viaJs = new Float32Array(512);
    JS_BACKEND.gemm(false, true, 16, 16, 16, 1, x, 0, 16, fresh, 0, 16, 0, viaJs, 0, 16);
    JS_BACKEND.gemm(false, false, 8, 16, 16, 1, x, 0, 16, fresh, 0, 16, 0, viaJs, 256, 16);
    expect(inScope).toEqual(Array.from(viaJs));
  });

  it("keeps pinned copies valid when pins are released out of order and the memory grows", () => {
    const next = rng(21);
    const mats = [ints(16, 16, next), ints(16, 16, next), ints(16, 16, next)];
    const x = ints(16, 16, next);
    const ref = mats.map((m) => run(JS_BACKEND, square(16), x, m, new Float32Array(256)));
    const handles = mats.map((m) => backend.pin(m));
    backend.unpin(handles[1] as (typeof handles)[number]); // the middle one first
    const big: Case = { ...square(700), k: 300, lda: 300 };
    const g = operands(big, next);
    run(backend, big, g.a, g.b, g.cm); // grows the memory above the kept region
    expect(Array.from(run(backend, square(16), x, mats[0] as Float32Array, new Float32Array(256)))).toEqual(Array.from(ref[0] as Float32Array));
    expect(Array.from(run(backend, square(16), x, mats[2] as Float32Array, new Float32Array(256)))).toEqual(Array.from(ref[2] as Float32Array));
    backend.unpin(handles[2] as (typeof handles)[number]);
    backend.unpin(handles[0] as (typeof handles)[number]);
    expect(Array.from(run(backend, square(16), x, mats[1] as Float32Array, new Float32Array(256)))).toEqual(Array.from(ref[1] as Float32Array));
  }, 30_000);

  it("pins float64 arrays as a no-op, with products exactly those of the js backend", () => {
    const next = rng(8);
    const a = Float64Array.from({ length: 12 }, next);
    const b = Float64Array.from({ length: 12 }, next);
    const viaWasm = new Float64Array(9);
    const viaJs = new Float64Array(9);
    const p = backend.pin(b);
    backend.gemm(false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, viaWasm, 0, 3);
    backend.unpin(p);
    JS_BACKEND.gemm(false, false, 3, 3, 4, 1, a, 0, 4, b, 0, 3, 0, viaJs, 0, 3);
    expect(Array.from(viaWasm)).toEqual(Array.from(viaJs));
  });

  it("rejects a handle released twice, naming unpin", () => {
    const p = backend.pin(new Float32Array(8));
    backend.unpin(p);
    expect(() => backend.unpin(p)).toThrow(/^unpin: the operand is not pinned; expected a handle from pin not yet released, got one of length 8$/);
  });
});

/** An n x n x n product, no transposes, offsets or padding. */
function square(n: number): Case {
  return { transA: false, transB: false, m: n, n, k: n, alpha: 1, beta: 0, aOff: 0, bOff: 0, cOff: 0, lda: n, ldb: n, ldc: n };
}
