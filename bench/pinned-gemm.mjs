// Times the recurrent GEMMs of one char-LM LSTM training step alone (B 32, H 256, 4 gates, T 64):
// per step a_t += h_{t-1} W_hh^T (forward) and dh_{t-1} += dG_t W_hh (backward), with W_hh copied
// into wasm memory by every GEMM, then pinned once per pass (`backend.pin`). Alternates the two
// variants over 9 rounds and prints the median and minimum of each, in ms per training step.
//
//   SEQGRAD_THREADS=1 node bench/pinned-gemm.mjs
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const sg = require("seqgrad");

const [B, H, T] = [32, 256, 64];
const GH = 4 * H;
const backend = sg.getBackend();
const w = Float32Array.from({ length: GH * H }, () => Math.random() - 0.5);
const hs = Float32Array.from({ length: (T + 1) * B * H }, () => Math.random() - 0.5);
const acts = new Float32Array(T * B * GH);
const dG = Float32Array.from({ length: T * B * GH }, () => Math.random() - 0.5);
const dh = new Float32Array(B * H);

function pass(pin, body) {
  const handle = pin ? backend.pin(w) : null;
  try {
    body();
  } finally {
    if (handle !== null) backend.unpin(handle);
  }
}

function trainStep(pin) {
  pass(pin, () => {
    for (let t = 0; t < T; t++) backend.gemm(false, true, B, GH, H, 1, hs, t * B * H, H, w, 0, H, 1, acts, t * B * GH, GH);
  });
  pass(pin, () => {
    for (let t = T - 1; t >= 0; t--) backend.gemm(false, false, B, H, GH, 1, dG, t * B * GH, GH, w, 0, H, 1, dh, 0, H);
  });
}

const results = { copied: [], pinned: [] };
for (let i = 0; i < 3; i++) {
  trainStep(false);
  trainStep(true);
}
for (let round = 0; round < 9; round++) {
  for (const pin of round % 2 === 0 ? [false, true] : [true, false]) {
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) trainStep(pin);
    results[pin ? "pinned" : "copied"].push((performance.now() - t0) / 5);
  }
}
const load = require("node:os").loadavg()[0].toFixed(2);
for (const [name, times] of Object.entries(results)) {
  times.sort((a, b) => a - b);
  const figures = `median ${times[4].toFixed(2)} ms, min ${times[0].toFixed(2)} ms`;
  process.stdout.write(`W_hh ${name}: ${figures} per step's ${2 * T} recurrent GEMMs (${backend.detail}, load ${load})\n`);
}
