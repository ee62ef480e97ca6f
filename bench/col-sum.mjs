// Times `Backend.colSum` (float64 column sums of a float32 matrix: the bias gradients) on the
// js and wasm backends, on the built package (`npm run build` first), for the shapes of the
// char-LM LSTM step: one step's gate gradients [B, 4H], all steps' [T*B, 4H], and Linear's
// output gradient [T*B, V]. Prints microseconds per call (median of 7 samples of >= 30 ms).
//
//   node bench/col-sum.mjs
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const sg = require("seqgrad");

const shapes = [
  ["one LSTM step dG [32, 1024]", 32, 1024],
  ["all steps dG [2048, 1024]", 2048, 1024],
  ["Linear head dY [2048, 65]", 2048, 65],
  ["small [8, 256]", 8, 256],
];

function time(fn) {
  const samples = [];
  for (let s = 0; s < 7; s++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < 30) {
      fn();
      n++;
      t = performance.now();
    }
    samples.push(((t - t0) / n) * 1e3);
  }
  return samples.sort((a, b) => a - b)[3];
}

for (const [label, rows, cols] of shapes) {
  const x = Float32Array.from({ length: rows * cols }, () => Math.random() - 0.5);
  const out = new Float64Array(cols);
  const cells = [];
  for (const name of sg.listBackends?.() ?? ["js", "wasm"]) {
    sg.setBackend(name);
    const backend = sg.getBackend();
    cells.push(`${name} ${time(() => backend.colSum(rows, cols, x, 0, cols, out, 0)).toFixed(1)} us`);
  }
  process.stdout.write(`${label}: ${cells.join(", ")}\n`);
}
