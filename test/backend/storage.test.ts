import { describe, expect, it } from "vitest";
import { JS_BACKEND, WASM_BACKEND, getBackend, setBackend } from "../../src/backend";
import { allocate, releaseStorage } from "../../src/tensor/dtype";
import { ones, tensor } from "../../src/tensor/creation";
import { rng } from "./gemm-cases";

const wasm = WASM_BACKEND;
const describeStorage = wasm === null || wasm.storage === null ? describe.skip : describe;

/** n random float32 values in [-1, 1) into `x`. */
function fill(x: Float32Array, next: () => number): Float32Array {
  for (let i = 0; i < x.length; i++) x[i] = 2 * next() - 1;
  return x;
}

describeStorage("tensor storage in WebAssembly memory", () => {
  it("makes float32, float64 and int32 storage of the wasm backend's memory, zero-filled, and plain arrays under the js backend", () => {
    const before = getBackend();
    setBackend("wasm");
    try {
      for (const dtype of ["float32", "float64", "int32"] as const) {
        const x = allocate(dtype, 1000);
        expect(x.buffer instanceof SharedArrayBuffer).toBe(true);
        expect(Array.from(x).every((v) => v === 0)).toBe(true);
        releaseStorage(x);
      }
      setBackend("js");
      expect(allocate("float32", 1000).buffer instanceof SharedArrayBuffer).toBe(false);
    } finally {
      setBackend(before);
    }
  });

  it("returns a released block whole (its subarrays share its life), hands it out again zero-filled, and ignores a second release", () => {
    const before = getBackend();
    setBackend("wasm");
    try {
      const a = allocate("float32", 4096) as Float32Array;
      a.fill(7);
      const part = a.subarray(100, 200);
      const storage = wasm?.storage;
      const live = storage?.liveBlocks() ?? 0;
      releaseStorage(part); // a view releases its whole block: the releaser promises no view of it is read again
      expect(storage?.liveBlocks()).toBe(live - 1);
      releaseStorage(a);
      releaseStorage(part);
      expect(storage?.liveBlocks()).toBe(live - 1);
      const c = allocate("float32", 4096);
      expect(c.byteOffset).toBe(a.byteOffset);
      expect(Array.from(c).every((v) => v === 0)).toBe(true);
      releaseStorage(c);
    } finally {
      setBackend(before);
    }
  });

  it("runs a training-size product with no copy between JS arrays and wasm memory when every operand is tensor storage", () => {
    const before = getBackend();
    setBackend("wasm");
    try {
      const a = tensor(fill(new Float32Array(64 * 96), rng(3)), { shape: [64, 96] });
      const b = ones([96, 80]);
      const start = getBackend().transfers?.();
      const c = a.matmul(b);
      const end = getBackend().transfers?.();
      expect(end?.copies).toBe(start?.copies);
      const row = Array.from(a.data.subarray(0, 96)).reduce((s, v) => s + v, 0);
      expect(c.data[0]).toBeCloseTo(row, 3);
    } finally {
      setBackend(before);
    }
  });

  it("gives bit-identical Adam updates on the wasm kernel and the plain-JS loop", () => {
    const before = getBackend();
    setBackend("wasm");
    try {
      const next = rng(11);
      for (const n of [256, 257, 1001]) {
        const arrays = [0, 1, 2, 3].map(() => fill(allocate("float32", n) as Float32Array, next));
        const [p, g, m, v] = arrays as [Float32Array, Float32Array, Float32Array, Float32Array];
        v.forEach((x, i) => (v[i] = Math.abs(x)));
        const copies = [p, g, m, v].map((x) => Float32Array.from(x));
        const [p2, g2, m2, v2] = copies as [Float32Array, Float32Array, Float32Array, Float32Array];
        getBackend().adamStep(p, g, m, v, 0.9, 0.999, 1e-3 / (1 - 0.9 ** 3), 1 / Math.sqrt(1 - 0.999 ** 3), 1e-8);
        JS_BACKEND.adamStep(p2, g2, m2, v2, 0.9, 0.999, 1e-3 / (1 - 0.9 ** 3), 1 / Math.sqrt(1 - 0.999 ** 3), 1e-8);
        expect(Array.from(p)).toEqual(Array.from(p2));
        expect(Array.from(m)).toEqual(Array.from(m2));
        expect(Array.from(v)).toEqual(Array.from(v2));
      }
    } finally {
      setBackend(before);
    }
  });
});
