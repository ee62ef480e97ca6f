// Turns the measurements of run.mjs into bench/RESULTS.md.
import { fmt, ratio, table } from "./lib/stats.mjs";

const FW = { seqgrad: "seqgrad", seqgradSimd: "seqgrad, SIMD128 only", torch: "PyTorch", tfjs: "TF.js wasm" };

function ms(entry) {
  if (!entry) return "not run";
  return entry.na ? `n/a (${entry.na})` : fmt(entry.ms);
}

function verdict(ok) {
  if (ok === null) return "not measured";
  return ok ? "met" : "not met";
}

function targets(r) {
  const t = (name, fw) => r.train[name]?.[fw]?.ms;
  const rows = [];
  const vsTorch = (name, limit, label) => {
    const x = t(name, "seqgrad") / t(name, "torch");
    rows.push([label, `<= ${limit}x PyTorch`, Number.isFinite(x) ? `${x.toFixed(2)}x` : "n/a", verdict(Number.isFinite(x) ? x <= limit : null)]);
  };
  vsTorch("charlm-lstm", 1.25, "char-LM LSTM step");
  vsTorch("seq2seq-attn", 1.25, "GRU seq2seq + attention step");
  vsTorch("small-lstm", 0.8, "small LSTM step");
  const speedups = r.configs.map((c) => t(c.name, "tfjs") / t(c.name, "seqgrad")).filter(Number.isFinite);
  const worst = speedups.length === r.configs.length ? Math.min(...speedups) : NaN;
  rows.push(["every configuration vs TF.js", ">= 25x faster", Number.isFinite(worst) ? `${worst.toFixed(1)}x (slowest)` : "n/a", verdict(Number.isFinite(worst) ? worst >= 25 : null)]);
  const g = r.gemm["256x256x256"]?.wasm;
  rows.push(["GEMM 256x256x256, one core", ">= 45 GFLOP/s", g ? `${fmt(g)} GFLOP/s` : "n/a", verdict(g ? g >= 45 : null)]);
  const gs = r.simdGemm?.["256x256x256"]?.wasm;
  if (gs) rows.push(["the same, SIMD128 only (no FMA)", ">= 45 GFLOP/s", `${fmt(gs)} GFLOP/s`, verdict(gs >= 45)]);
  const m = r.memory;
  const mem = m.seqgrad?.peakMB / m.torch?.peakMB;
  rows.push(["peak memory (RSS), char-LM training", "<= 1.5x PyTorch", Number.isFinite(mem) ? `${mem.toFixed(2)}x` : "n/a", verdict(Number.isFinite(mem) ? mem <= 1.5 : null)]);
  return table(["target", "goal", "measured", "status"], rows);
}

function trainingTable(r) {
  const simd = r.configs.some((c) => r.train[c.name]?.seqgradSimd);
  const rows = r.configs.map((c) => {
    const e = r.train[c.name] ?? {};
    const row = [c.label, ms(e.seqgrad), ms(e.torch), ms(e.tfjs), ratio(e.seqgrad?.ms, e.torch?.ms), ratio(e.tfjs?.ms, e.seqgrad?.ms)];
    if (simd) row.push(ms(e.seqgradSimd), ratio(e.seqgradSimd?.ms, e.torch?.ms));
    return row;
  });
  const header = ["configuration", "seqgrad ms", "PyTorch ms", "TF.js wasm ms", "seqgrad / PyTorch", "TF.js / seqgrad"];
  if (simd) header.push("SIMD128 only ms", "SIMD128 only / PyTorch");
  return table(header, rows);
}

function gemmTable(r) {
  const header = ["shape (m x n x k)", ...r.backends.map((b) => `${b}`)];
  if (r.backends.includes("wasm")) header.push("wasm / js");
  if (r.twoThreadGemm) header.push("wasm, 2 threads");
  if (r.simdGemm) header.push("wasm, SIMD128 only");
  if (r.torchGemm) header.push("PyTorch (OpenBLAS)");
  const rows = r.shapes.map((s) => {
    const e = r.gemm[s.label];
    const row = [s.label, ...r.backends.map((b) => fmt(e[b]))];
    if (r.backends.includes("wasm")) row.push(ratio(e.wasm, e.js));
    if (r.twoThreadGemm) row.push(fmt(r.twoThreadGemm[s.label]?.wasm));
    if (r.simdGemm) row.push(fmt(r.simdGemm[s.label]?.wasm));
    if (r.torchGemm) row.push(s.m === s.n && s.n === s.k ? fmt(r.torchGemm[String(s.m)]) : "");
    return row;
  });
  return table(header, rows);
}

function overheadTable(r) {
  const rows = Object.entries(r.overhead).map(([fw, o]) => [FW[fw], fmt(o.noGradUs), fmt(o.gradUs)]);
  return table(["framework", "tiny add, no autograd (us)", "tiny add, recorded for autograd (us)"], rows);
}

function memoryTable(r) {
  const row = (fw) => {
    const m = r.memory[fw];
    if (!m) return null;
    if (m.na) return [FW[fw], `n/a (${m.na})`, "", ""];
    return [FW[fw], fmt(m.peakMB), fmt(m.baselineMB), fmt(m.peakMB - m.baselineMB)];
  };
  const rows = ["seqgrad", "torch"].map(row).filter((x) => x !== null);
  return table(["framework", "peak RSS (MB)", "after imports (MB)", "growth (MB)"], rows);
}

function versionLines(r) {
  const v = r.versions;
  const lines = [];
  if (v.seqgrad) lines.push(`- seqgrad ${v.seqgrad.version}, default backend \`${v.seqgrad.backend}\`: ${v.seqgrad.detail}`);
  if (v.seqgradSimd) {
    lines.push(`- seqgrad, SIMD128 only: the same with \`SEQGRAD_FMA=0\`, without the relaxed-SIMD fused multiply-add: ${v.seqgradSimd.detail}`);
  }
  if (v.torch) lines.push(`- PyTorch ${v.torch.version}, ${v.torch.threads} threads, BLAS: ${v.torch.blas}`);
  if (v.tfjs) lines.push(`- TensorFlow.js ${v.tfjs.version}, backend \`${v.tfjs.backend}\` (tfjs-backend-wasm ${v.tfjs.wasm})`);
  return lines;
}

/** A warning when the machine was busy: other processes distort the ratios, PyTorch's most. */
function loadWarning(r) {
  if (r.load === undefined || r.load <= r.cores) return "";
  return `
**Warning: the machine was busy** (load average ${r.load.toFixed(1)} on ${r.cores} cores at the start):
every figure is inflated by other processes, and the ratios are not reliable. PyTorch's two OpenMP
threads suffer most (they wait for each other when either is descheduled), so seqgrad / PyTorch
reads better than on an idle machine. Run again on an idle machine for figures to quote.
`;
}

/** The whole RESULTS.md text. */
export function writeReport(r) {
  const ortho = (o) => (!o ? "not run" : o.na ? `n/a (${o.na})` : `${fmt(o.ms)} ms`);
  return `# seqgrad benchmark results

Written by \`npm run bench\`${r.quick ? " in quick mode (SEQGRAD_BENCH_QUICK=1)" : ""} on ${new Date().toISOString().slice(0, 10)}, in ${Math.round(r.seconds)} s.
Every figure is a median over interleaved repetitions (see bench/README.md for the method).
${loadWarning(r)}
## Machine

${[...r.machine, ...versionLines(r)].join("\n")}

## Targets

${targets(r)}

## Training step (forward, cross-entropy, backward, Adam), milliseconds

${trainingTable(r)}

## GEMM, float32, GFLOP/s (one thread unless marked)

${gemmTable(r)}

## Per-op overhead

${overheadTable(r)}

## Peak memory of char-LM LSTM training (${r.memory.steps} steps, fresh process)

${memoryTable(r)}

## Orthogonal init of a 256x1024 matrix

- seqgrad: ${ortho(r.orthogonal.seqgrad)}
- PyTorch: ${ortho(r.orthogonal.torch)}

## Notes

- PyTorch runs with 2 threads (OpenBLAS); seqgrad splits GEMMs of at least 2^20 multiply-adds over
  2 threads (SEQGRAD_THREADS) and runs the rest on one; TF.js runs on one thread.
- TF.js: embeddings are one-hot rows times the weight (tfjs-backend-wasm has no kernel for a gather's
  gradient); its GRU applies the reset gate before the recurrent product (Keras), PyTorch's after: the
  same cost. Recurrent layers are tf.layers, trained with \`optimizer.minimize\`.
${r.notes.map((n) => `- ${n}`).join("\n")}
`;
}
