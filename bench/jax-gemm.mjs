// GEMM throughput of jax-js (npm @jax-js/jax) on its WebAssembly device, for the GEMM table of
// `npm run bench`: the same shapes as bench/gemm.mjs, each product `jit`-compiled once and timed
// as `matmul` + `blockUntilReady` (no copy out), repeated for at least `minMs`; median over rounds.
// In Node, jax-js runs its wasm kernels on one thread (its worker pool needs the Web Worker global).
//
//   node bench/jax-gemm.mjs [--quick]   prints { gflops: { [label]: GFLOP/s } } as JSON
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gemmShapes } from "./gemm.mjs";
import { median } from "./lib/stats.mjs";

const quick = process.argv.includes("--quick");
const jax = await import("@jax-js/jax");
const { numpy: np, init, defaultDevice, jit } = jax;
await init("wasm");
defaultDevice("wasm");

function random(n) {
  return np.array(Float32Array.from({ length: n }, () => Math.random() - 0.5));
}

/** Milliseconds per product, repeated for at least minMs. */
async function timeOne(product, a, b, minMs) {
  let reps = 0;
  const t0 = performance.now();
  while (reps === 0 || performance.now() - t0 < minMs) {
    const c = product(a.ref, b.ref);
    await c.blockUntilReady();
    c.dispose();
    reps++;
  }
  return (performance.now() - t0) / reps;
}

const shapes = gemmShapes(quick);
const rounds = quick ? 3 : 5;
const minMs = quick ? 30 : 60;
const samples = new Map(shapes.map((s) => [s.label, []]));
const data = shapes.map((s) => {
  const a = random(s.m * s.k).reshape([s.m, s.k]);
  const b = s.transB ? random(s.n * s.k).reshape([s.n, s.k]) : random(s.k * s.n).reshape([s.k, s.n]);
  const product = jit(s.transB ? (x, y) => np.matmul(x, y.transpose()) : (x, y) => np.matmul(x, y));
  return { a, b, product };
});
for (let round = 0; round < rounds; round++) {
  for (const [i, s] of shapes.entries()) {
    const { a, b, product } = data[i];
    if (round === 0) await timeOne(product, a, b, minMs / 4);
    const ms = await timeOne(product, a, b, minMs);
    samples.get(s.label).push((2 * s.m * s.n * s.k) / ms / 1e6);
  }
}
const gflops = {};
for (const s of shapes) gflops[s.label] = median(samples.get(s.label));
const main = createRequire(import.meta.url).resolve("@jax-js/jax");
const { version } = JSON.parse(readFileSync(join(dirname(main), "..", "package.json"), "utf8"));
process.stdout.write(JSON.stringify({ gflops, version }) + "\n");
