// Where splitting a kernel over the helper threads starts to pay: each kernel the wasm backend can
// split (Adam, sigmoid, the LSTM cell, column sums, cross-entropy rows, and the forward of a
// recurrent direction) at a few sizes, on a one-thread and a two-thread backend in the same
// process, alternating, on operands in each backend's tensor storage. Prints the minimum and the
// median time per call of each (microseconds) and their ratio; the thresholds in
// src/backend/wasm/split.ts and sequence.ts are the sizes where the ratio crosses 1.
//
//   node bench/split-kernels.mjs [--reps N] [--kernel NAME[,NAME]] [--force]   (on the built package)
//
// --force sets the element-wise bounds of split.ts to 0 for this process, so the two-thread
// backend splits at every size (without it, sizes under a bound run on one thread on both sides).
import { createRequire } from "node:module";
import { loadavg } from "node:os";

const require = createRequire(import.meta.url);
const { createWasmBackend } = require("../dist/backend/wasm/index.js");
const { JS_BACKEND } = require("../dist/backend/index.js");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const reps = Number(option("--reps", "200"));
if (process.argv.includes("--force")) {
  const { SPLIT_MIN } = require("../dist/backend/wasm/split.js");
  for (const key of Object.keys(SPLIT_MIN)) SPLIT_MIN[key] = 0;
}
const only = option("--kernel", null)?.split(",") ?? null;
const one = createWasmBackend(JS_BACKEND, { threads: 1 });
const two = createWasmBackend(JS_BACKEND, { threads: 2 });

/** A float32 array of n values in [-1, 1) in `b`'s storage. */
function stored(b, n, scale = 1) {
  const x = b.storage.allocate("float32", n);
  for (let i = 0; i < n; i++) x[i] = scale * (2 * Math.random() - 1);
  return x;
}

/** Calls per kernel: (backend) => a function running one call on operands made for it. */
const KERNELS = {
  adam: (n) => (b) => {
    const [p, g, m, v] = [stored(b, n), stored(b, n), stored(b, n, 0.1), stored(b, n, 0.01)];
    for (let i = 0; i < n; i++) v[i] = Math.abs(v[i]);
    return () => b.adamStep(p, g, m, v, 0.9, 0.999, 1e-3, 1, 1e-8);
  },
  sigmoid: (n) => (b) => {
    const x = stored(b, n);
    const out = stored(b, n);
    return () => b.sigmoid(n, x, 0, out, 0);
  },
  lstmCell: (n) => (b) => {
    const H = 256;
    const B = Math.max(1, Math.round(n / H));
    const [acts, c, h, tanhC] = [stored(b, 4 * B * H), stored(b, 2 * B * H), stored(b, B * H), stored(b, B * H)];
    return () => b.lstmCell({ B, H, acts, actsOff: 0, c, cPrevOff: 0, cOff: B * H, h, hOff: 0, tanhC, tanhCOff: 0 });
  },
  colSum: (n) => (b) => {
    const cols = 1024;
    const rows = Math.max(1, Math.round(n / cols));
    const x = stored(b, rows * cols);
    const out = b.storage.allocate("float64", cols);
    return () => b.colSum(rows, cols, x, 0, cols, out, 0);
  },
  crossEntropy: (n) => (b) => {
    const C = 65;
    const N = Math.max(1, Math.round(n / C));
    const x = stored(b, N * C, 4);
    const t = Int32Array.from({ length: N }, (_, i) => i % C);
    const loss = new Float64Array(N);
    const grad = stored(b, N * C);
    return () => b.crossEntropyRows(N, C, x, 0, t, -100, 0, 1 / N, loss, grad, 0);
  },
  // the forward of one LSTM direction, T 64, B 32, n = H
  lstmSequence: (H) => (b) => {
    const [T, B] = [64, 32];
    const wHh = stored(b, 4 * H * H, 1 / Math.sqrt(H));
    const acts = stored(b, T * B * 4 * H);
    const [h, c, tanhC] = [stored(b, (T + 1) * B * H), stored(b, (T + 1) * B * H), stored(b, T * B * H)];
    return () => b.lstmSequence({ T, B, H, reverse: false, wHh, acts, c, h, tanhC });
  },
};
const SIZES = {
  adam: [1 << 12, 1 << 14, 1 << 15, 1 << 16, 1 << 18],
  sigmoid: [1 << 12, 1 << 14, 1 << 15, 1 << 16, 1 << 18],
  lstmCell: [1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 17],
  colSum: [1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 19],
  crossEntropy: [1 << 13, 1 << 14, 1 << 15, 1 << 16, 1 << 18],
  lstmSequence: [32, 64, 128, 256],
};

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const us = (x) => (x * 1000).toFixed(1);
process.stdout.write(`kernel size: 1 thread min/median us | 2 threads min/median us | min ratio 2/1 (load ${loadavg()[0].toFixed(1)})\n`);
for (const [name, make] of Object.entries(KERNELS)) {
  if (only !== null && !only.includes(name)) continue;
  for (const n of SIZES[name]) {
    const calls = [make(n)(one), make(n)(two)];
    const times = [[], []];
    const count = name === "lstmSequence" ? Math.max(5, reps / 20) : reps;
    for (let r = 0; r < count; r++) {
      for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
        const t0 = performance.now();
        calls[i]();
        times[i].push(performance.now() - t0);
      }
    }
    const [a, b] = times.map(sorted);
    const stats = two.threadStats();
    process.stdout.write(
      `${name} ${n}: ${us(a[0])}/${us(a[a.length >> 1])} | ${us(b[0])}/${us(b[b.length >> 1])} | ${(b[0] / a[0]).toFixed(2)}` +
        ` (jobs so far ${stats.jobs}, chunks run by the helper ${stats.helperChunks})\n`,
    );
  }
}
