import { describe, expect, it } from "vitest";
import { JS_BACKEND } from "../../src/backend";
import { Arena } from "../../src/backend/wasm/arena";
import { createWasmColSum } from "../../src/backend/wasm/col-sum";
import { createWasmCrossEntropy } from "../../src/backend/wasm/cross-entropy";
import { createArenaGemm, createWasmGemm, createWasmLinear } from "../../src/backend/wasm/gemm";
import { WasmHeap } from "../../src/backend/wasm/heap";
import { instantiateSharedKernels } from "../../src/backend/wasm/module";
import { PinnedCopies } from "../../src/backend/wasm/pins";
import { Staging } from "../../src/backend/wasm/staging";
import { TensorStorage } from "../../src/backend/wasm/storage";
import { Transfers } from "../../src/backend/wasm/transfers";
import { rng } from "./gemm-cases";

const shared = instantiateSharedKernels(false);
const describeShared = shared === null ? describe.skip : describe;

/** A [rows, cols] float32 matrix of small integers (sums exact in float32). */
function ints(n: number, next: () => number): Float32Array {
  return Float32Array.from({ length: n }, () => Math.floor(next() * 9) - 4);
}

// A long training run whose memory passed 2 GiB died with "RangeError: offset is out of bounds":
// byte offsets were turned into element indices with a signed shift (at >> 2), negative from
// 2^31 on. The pieces of the backend here run on a heap that starts just below 2 GiB, so that
// staged operands and tensor blocks lie past it (the pages are reserved; only the few touched
// become resident).
describeShared("the wasm backend with blocks past 2 GiB of its memory", () => {
  const kernels = shared!.kernels;
  const heap = new WasmHeap(kernels.memory, 2 ** 31 - 2048);
  const transfers = new Transfers();
  const arena = new Arena(heap);
  const pins = new PinnedCopies(kernels, heap, transfers);
  const staging = new Staging(arena, pins, transfers);
  const core = createArenaGemm(kernels, arena, null);
  const gemm = createWasmGemm(staging, core, JS_BACKEND.gemm);
  const linear = createWasmLinear(staging, core, JS_BACKEND.linear);
  const storage = new TensorStorage(heap);

  it("stages JavaScript arrays in and out, pinned or not, and uses resident ones in place", () => {
    const next = rng(5);
    const [m, n, k] = [33, 20, 17];
    const a = ints(m * k, next);
    const b = ints(k * n, next);
    const expected = new Float32Array(m * n);
    JS_BACKEND.gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, expected, 0, n);
    const c = new Float32Array(m * n);
    gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, c, 0, n);
    expect(Array.from(c)).toEqual(Array.from(expected));
    // strided C (getRows row by row) and a pinned B
    const wide = new Float32Array(m * (n + 3));
    const handle = pins.pin(b);
    gemm(false, false, m, n, k, 1, a, 0, k, b, 0, n, 0, wide, 0, n + 3);
    pins.unpin(handle);
    for (let i = 0; i < m; i++) expect(Array.from(wide.subarray(i * (n + 3), i * (n + 3) + n))).toEqual(Array.from(expected.subarray(i * n, (i + 1) * n)));
    // resident operands, C written in place
    const ra = storage.allocate("float32", m * k) as Float32Array;
    const rb = storage.allocate("float32", k * n) as Float32Array;
    const rc = storage.allocate("float32", m * n) as Float32Array;
    expect(ra.byteOffset).toBeGreaterThan(2 ** 31);
    ra.set(a);
    rb.set(b);
    const copies = transfers.copies;
    gemm(false, false, m, n, k, 1, ra, 0, k, rb, 0, n, 0, rc, 0, n);
    expect(transfers.copies).toBe(copies);
    expect(Array.from(rc)).toEqual(Array.from(expected));
  });

  it("fills rows with a bias (resident or not), sums columns and computes cross-entropy rows", () => {
    const next = rng(7);
    const [m, n, k] = [12, 70, 9];
    const x = ints(m * k, next);
    const w = ints(n * k, next);
    const bias = ints(n, next);
    const residentBias = storage.allocate("float32", n) as Float32Array;
    residentBias.set(bias);
    const expected = new Float32Array(m * n);
    JS_BACKEND.linear(m, n, k, x, 0, w, 0, bias, expected, 0);
    for (const b of [bias, residentBias]) {
      const y = new Float32Array(m * n);
      linear(m, n, k, x, 0, w, 0, b, y, 0);
      expect(Array.from(y)).toEqual(Array.from(expected));
    }
    const sums = new Float64Array(n);
    const want = new Float64Array(n);
    createWasmColSum(kernels, staging, null, JS_BACKEND.colSum)(m, n, expected, 0, n, sums, 0);
    JS_BACKEND.colSum(m, n, expected, 0, n, want, 0);
    expect(Array.from(sums)).toEqual(Array.from(want));
    const targets = Int32Array.from({ length: m }, (_, i) => (i * 7) % n);
    const logits = Float32Array.from(expected, (v) => v / 50);
    const loss = new Float64Array(m);
    const grad = new Float32Array(m * n);
    const lossJs = new Float64Array(m);
    const gradJs = new Float32Array(m * n);
    createWasmCrossEntropy(kernels, staging, null, JS_BACKEND.crossEntropyRows)(m, n, logits, 0, targets, -100, 0, 1, loss, grad, 0);
    JS_BACKEND.crossEntropyRows(m, n, logits, 0, targets, -100, 0, 1, lossJs, gradJs, 0);
    for (let i = 0; i < m; i++) expect(loss[i]).toBeCloseTo(lossJs[i] as number, 5);
    for (let i = 0; i < m * n; i++) expect(grad[i]).toBeCloseTo(gradJs[i] as number, 6);
  });
});
