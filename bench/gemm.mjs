// GEMM throughput of seqgrad's backends, called directly (`getBackend().gemm`) on float32 data.
// Interleaved: every round times every shape on every backend once; the figure is the median
// over rounds of GFLOP/s, where each sample repeats the product for at least `minMs`.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { simdCeiling } from "./lib/ceiling.mjs";
import { median } from "./lib/stats.mjs";

/** Square sizes and the shapes of recurrent steps (h W_hh^T: m = B, k = H, n = gates * H). */
export function gemmShapes(quick) {
  const square = (quick ? [64, 128, 256, 512] : [64, 128, 192, 256, 384, 512]).map((s) => ({
    label: `${s}x${s}x${s}`,
    m: s,
    n: s,
    k: s,
    transB: false,
  }));
  const steps = [
    { label: "LSTM step B32 H256 (32x1024x256, B^T)", m: 32, n: 1024, k: 256, transB: true },
    { label: "LSTM input GEMM T64 B32 (2048x1024x64, B^T)", m: 2048, n: 1024, k: 64, transB: true },
    { label: "small LSTM step B8 H64 (8x256x64, B^T)", m: 8, n: 256, k: 64, transB: true },
  ];
  return [...square, ...steps];
}

function timeOne(gemm, s, a, b, c, minMs) {
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) {
      gemm(false, s.transB, s.m, s.n, s.k, 1, a, 0, s.k, b, 0, s.transB ? s.k : s.n, 0, c, 0, s.n);
    }
    const dt = performance.now() - t0;
    if (dt >= minMs) return dt / reps;
    reps *= dt < minMs / 8 ? 8 : 2;
  }
}

/** { [label]: { [backend]: GFLOP/s } } for the backends named in `backends`. */
export function benchGemm(sg, backends, shapes, rounds, minMs) {
  const samples = new Map();
  const data = shapes.map((s) => ({
    a: Float32Array.from({ length: s.m * s.k }, () => Math.random() - 0.5),
    b: Float32Array.from({ length: s.k * s.n }, () => Math.random() - 0.5),
    c: new Float32Array(s.m * s.n),
  }));
  const previous = sg.getBackend();
  for (let round = 0; round < rounds; round++) {
    shapes.forEach((s, i) => {
      const order = round % 2 === 0 ? backends : [...backends].reverse();
      for (const name of order) {
        sg.setBackend(name);
        const gemm = sg.getBackend().gemm;
        const { a, b, c } = data[i];
        if (round === 0) timeOne(gemm, s, a, b, c, minMs / 4);
        const ms = timeOne(gemm, s, a, b, c, minMs);
        const key = `${s.label}|${name}`;
        samples.set(key, [...(samples.get(key) ?? []), (2 * s.m * s.n * s.k) / ms / 1e6]);
      }
    });
  }
  sg.setBackend(previous);
  const out = {};
  for (const s of shapes) {
    out[s.label] = {};
    for (const name of backends) out[s.label][name] = median(samples.get(`${s.label}|${name}`));
  }
  return out;
}

// As a script: `node bench/gemm.mjs [--quick] [--backends js,wasm] [--ceiling]` prints { shapes,
// gflops } as JSON, with the threads and V8 flags of this process (run.mjs runs it with
// SEQGRAD_THREADS=1 or 2, and with relaxed SIMD on); `--ceiling` adds `ceiling`, the measured
// SIMD128 ceiling of one core (bench/lib/ceiling.mjs), taken before and after the products.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sg = createRequire(import.meta.url)("seqgrad");
  const quick = process.argv.includes("--quick");
  const at = process.argv.indexOf("--backends");
  const wanted = at >= 0 ? process.argv[at + 1].split(",") : ["js", "wasm"];
  const backends = wanted.filter((name) => {
    try {
      sg.setBackend(name);
      return true;
    } catch {
      return false;
    }
  });
  const shapes = gemmShapes(quick);
  const withCeiling = process.argv.includes("--ceiling");
  const before = withCeiling ? await simdCeiling() : null;
  const gflops = benchGemm(sg, backends, shapes, quick ? 3 : 7, quick ? 30 : 60);
  const after = withCeiling ? await simdCeiling() : null;
  const ceiling = withCeiling ? { gflops: Math.max(before.gflops, after.gflops), fused: after.fused } : null;
  const detail = backends.includes("wasm") ? (sg.setBackend("wasm"), sg.getBackend().detail) : "";
  process.stdout.write(JSON.stringify({ shapes, gflops, detail, ceiling }) + "\n");
}
