// Turns the measurements of run.mjs into bench/RESULTS.md.
import { fmt, ratio, table } from "./lib/stats.mjs";

const FW = { seqgrad: "seqgrad", seqgradNewest: "seqgrad, newest Node", seqgradSimd: "seqgrad, SIMD128 only", torch: "PyTorch", tfjs: "TF.js wasm", jax: "jax-js wasm" };

/** The label of a framework's row: the seqgrad rows name their Node when a run has two. */
function label(r, fw) {
  if (r.newestNode && fw === "seqgrad") return `seqgrad, Node ${r.systemNode}`;
  if (fw === "seqgradNewest") return `seqgrad, Node ${r.newestNode}`;
  return FW[fw];
}

/**
 * The faster of seqgrad's two columns for configuration `name` (the system Node, and the newest
 * Node of the npm registry when the run had it): { ms, node }, ms NaN when neither ran.
 */
function bestSeqgrad(r, name) {
  const e = r.train[name] ?? {};
  const columns = [
    { ms: e.seqgrad?.ms, node: r.systemNode },
    { ms: e.seqgradNewest?.ms, node: r.newestNode },
  ].filter((x) => Number.isFinite(x.ms));
  if (columns.length === 0) return { ms: NaN, node: null };
  return columns.reduce((a, b) => (b.ms < a.ms ? b : a));
}

/** seqgrad's entry on the Node the JavaScript peers (TF.js, jax-js) ran on: the newest when the run had it. */
function besidePeers(r, name) {
  const e = r.train[name] ?? {};
  return r.newestNode ? e.seqgradNewest : e.seqgrad;
}

/** " (Node v)" when the run had two Nodes, else "". */
function onNode(r, version) {
  return r.newestNode && version ? ` (Node ${version})` : "";
}

function ms(entry) {
  if (!entry) return "not run";
  return entry.na ? `n/a (${entry.na})` : fmt(entry.ms);
}

function verdict(ok) {
  if (ok === null) return "not measured";
  return ok ? "met" : "not met";
}

/**
 * The WebAssembly SIMD128 ceiling of one core, GFLOP/s, where the run did not measure it (4 float32
 * lanes x 2 multiply-add ports x 2 flops x ~3.75 GHz, an AMD EPYC of an earlier run). The run
 * measures it (bench/lib/ceiling.mjs): `r.ceiling`.
 */
export const SIMD128_CEILING = 60;

/** The ceiling the shares are of: measured when the run has it. */
function ceilingOf(r) {
  return Number.isFinite(r.ceiling?.gflops) ? r.ceiling.gflops : SIMD128_CEILING;
}

function targets(r) {
  const t = (name, fw) => r.train[name]?.[fw]?.ms;
  const rows = [];
  const finite = (x) => Number.isFinite(x);
  for (const c of r.configs) {
    const best = bestSeqgrad(r, c.name);
    const x = best.ms / t(c.name, "torch");
    rows.push([`${c.label} step`, "<= 1.0x PyTorch", finite(x) ? `${x.toFixed(2)}x${onNode(r, best.node)}` : "n/a", verdict(finite(x) ? x <= 1.0 : null)]);
  }
  const speedups = r.configs.map((c) => t(c.name, "tfjs") / besidePeers(r, c.name)?.ms).filter(finite);
  const worst = speedups.length === r.configs.length ? Math.min(...speedups) : NaN;
  const peers = r.newestNode ? `, both on Node ${r.newestNode}` : "";
  rows.push(["every configuration vs TF.js", ">= 25x faster", finite(worst) ? `${worst.toFixed(1)}x (slowest${peers})` : "n/a", verdict(finite(worst) ? worst >= 25 : null)]);
  const g = r.gemm["256x256x256"]?.wasm;
  rows.push(["GEMM 256x256x256, one core", ">= 55 GFLOP/s", g ? `${fmt(g)} GFLOP/s (${share(r, g, 1)} of the SIMD128 ceiling)` : "n/a", verdict(g ? g >= 55 : null)]);
  const g2 = r.twoThreadGemm?.["512x512x512"]?.wasm;
  rows.push(["GEMM 512x512x512, two threads", ">= 100 GFLOP/s", g2 ? `${fmt(g2)} GFLOP/s (${share(r, g2, 2)} of 2x the ceiling)` : "n/a", verdict(g2 ? g2 >= 100 : null)]);
  const copies = r.configs.flatMap((c) => [r.train[c.name]?.seqgrad?.copies, r.train[c.name]?.seqgradNewest?.copies]).filter((x) => typeof x === "number");
  const most = copies.length > 0 ? Math.max(...copies) : NaN;
  rows.push(["copies JS <-> wasm memory in a training step", "0", finite(most) ? `${fmt(most)} (most of any configuration)` : "n/a", verdict(finite(most) ? most === 0 : null)]);
  const m = r.memory;
  const mem = m.seqgrad?.peakMB / m.torch?.peakMB;
  rows.push(["peak memory (RSS), char-LM training", "<= 1.0x PyTorch", finite(mem) ? `${mem.toFixed(2)}x` : "n/a", verdict(finite(mem) ? mem <= 1.0 : null)]);
  const browser = r.configs.map((c) => r.browser?.[c.name]?.ms / bestSeqgrad(r, c.name).ms).filter(finite);
  const slowest = browser.length === r.configs.length ? Math.max(...browser) : NaN;
  const against = r.newestNode ? ", against the faster Node column" : "";
  rows.push(["Chromium vs Node, every configuration", "<= 1.2x", finite(slowest) ? `${slowest.toFixed(2)}x (slowest${against})` : "n/a", verdict(finite(slowest) ? slowest <= 1.2 : null)]);
  return table(["target", "goal", "measured", "status"], rows);
}

/** GFLOP/s as a share of the SIMD128 ceiling of `cores` cores. */
function share(r, gflops, cores) {
  return `${Math.round((100 * gflops) / (ceilingOf(r) * cores))}%`;
}

/**
 * Floating-point operations of the matrix products of one training step of configuration `c`
 * (2 per multiply-add): the forward products, and twice as many backward (the gradients of both
 * operands). Elementwise work, softmax and Adam are left out, so the rate this gives for a step
 * is the step's speed in GEMM terms, comparable to the GEMM table and the SIMD128 ceiling.
 * Gates per cell: LSTM 4, GRU 3, RNN 1.
 */
export function stepFlops(c) {
  const gates = { lstm: 4, gru: 3, rnn: 1 }[c.cell];
  if (c.kind === "lm") {
    let forward = 2 * c.seq * c.batch * c.hidden * c.vocab;
    for (let l = 0; l < c.layers; l++) forward += 2 * c.seq * c.batch * ((l === 0 ? c.emb : c.hidden) + c.hidden) * gates * c.hidden;
    return 3 * forward;
  }
  const { srcLen: S, tgtLen: T, batch: B, emb: E, hidden: H } = c;
  const recurrent = 2 * (S + T) * B * (E + H) * gates * H;
  const attention = 2 * 2 * B * T * S * H;
  const combine = 2 * B * T * 2 * H * H;
  const head = 2 * B * T * H * c.tgtVocab;
  return 3 * (recurrent + attention + combine + head);
}

function trainingTable(r) {
  const simd = r.configs.some((c) => r.train[c.name]?.seqgradSimd);
  const newest = Boolean(r.newestNode) && r.configs.some((c) => r.train[c.name]?.seqgradNewest);
  // jax-js: only the configurations its worker writes (the one-layer LSTM language models)
  const jax = r.configs.some((c) => Number.isFinite(r.train[c.name]?.jax?.ms));
  const rows = r.configs.map((c) => {
    const e = r.train[c.name] ?? {};
    const best = bestSeqgrad(r, c.name);
    const peer = besidePeers(r, c.name);
    const row = [c.label, ms(e.seqgrad)];
    if (newest) row.push(ms(e.seqgradNewest), ratio(e.seqgradNewest?.ms, e.seqgrad?.ms));
    row.push(ms(e.torch), ms(e.tfjs), ratio(best.ms, e.torch?.ms), ratio(e.tfjs?.ms, peer?.ms));
    const copies = [e.seqgrad?.copies, e.seqgradNewest?.copies].filter((x) => typeof x === "number");
    row.push(copies.length > 0 ? fmt(Math.max(...copies)) : "");
    if (r.browser) row.push(ms(r.browser[c.name]), ratio(r.browser[c.name]?.ms, best.ms));
    if (simd) row.push(ms(e.seqgradSimd), ratio(e.seqgradSimd?.ms, e.torch?.ms));
    if (jax) row.push(Number.isFinite(e.jax?.ms) ? fmt(e.jax.ms) : "", ratio(e.jax?.ms, peer?.ms).replace("n/a", ""));
    const rate = stepFlops(c) / best.ms / 1e6;
    row.push(Number.isFinite(rate) ? `${fmt(rate)} (${share(r, rate, 1)})` : "n/a");
    return row;
  });
  const sys = newest ? ` (Node ${r.systemNode})` : "";
  const best = newest ? " (the faster Node)" : "";
  const header = [`configuration`, `seqgrad ms${sys}`];
  if (newest) header.push(`seqgrad ms (Node ${r.newestNode})`, `Node ${r.newestNode} / Node ${r.systemNode}`);
  header.push("PyTorch ms", "TF.js wasm ms", `seqgrad${best} / PyTorch`, `TF.js / seqgrad${newest ? ` (Node ${r.newestNode})` : ""}`, "copies / step");
  if (r.browser) header.push("seqgrad in Chromium ms", `Chromium / Node${best}`);
  if (simd) header.push(`SIMD128 only ms${sys}`, "SIMD128 only / PyTorch");
  if (jax) header.push("jax-js wasm ms", `jax-js / seqgrad${newest ? ` (Node ${r.newestNode})` : ""}`);
  header.push(`seqgrad step GFLOP/s${newest ? ", the faster Node" : ""} (share of one core's ceiling)`);
  return table(header, rows);
}

/** What the training table's seqgrad columns are, when the run had two Nodes. */
function nodeParagraph(r) {
  if (!r.newestNode) return "";
  return `
seqgrad ran the same build on two Nodes: the system Node ${r.systemNode} and Node ${r.newestNode}, the
newest of the npm registry (installed for the bench alone in bench/.cache/node by
\`scripts/setup.mjs --bench\`). The ratios against PyTorch and Chromium, the step GFLOP/s and the
targets use the faster of the two for each configuration; TF.js and jax-js ran on Node
${r.newestNode} too and are compared with seqgrad there. The GEMM table, the profiles and the peak
memory are of the system Node.
`;
}

function gemmTable(r) {
  const header = ["shape (m x n x k)", ...r.backends.map((b) => `${b}`)];
  if (r.backends.includes("wasm")) header.push("wasm / js");
  if (r.twoThreadGemm) header.push("wasm, 2 threads");
  if (r.simdGemm) header.push("wasm, SIMD128 only");
  if (r.jaxGemm) header.push("jax-js wasm");
  if (r.torchGemm) header.push("PyTorch (OpenBLAS)");
  const rows = r.shapes.map((s) => {
    const e = r.gemm[s.label];
    const row = [s.label, ...r.backends.map((b) => fmt(e[b]))];
    if (r.backends.includes("wasm")) row.push(ratio(e.wasm, e.js));
    if (r.twoThreadGemm) row.push(fmt(r.twoThreadGemm[s.label]?.wasm));
    if (r.simdGemm) row.push(fmt(r.simdGemm[s.label]?.wasm));
    if (r.jaxGemm) row.push(fmt(r.jaxGemm[s.label]));
    if (r.torchGemm) row.push(s.m === s.n && s.n === s.k ? fmt(r.torchGemm[String(s.m)]) : "");
    return row;
  });
  return table(header, rows);
}

function ceilingLine(r) {
  if (!Number.isFinite(r.ceiling?.gflops)) return `SIMD128 ceiling of one core: not measured; the shares are of ${SIMD128_CEILING} GFLOP/s.`;
  const how = r.ceiling.fused ? "fused multiply-adds (relaxed SIMD)" : "multiplies and adds";
  return `SIMD128 ceiling of one core, measured: ${fmt(r.ceiling.gflops)} GFLOP/s (12 independent chains of f32x4 ${how}, no memory traffic; the best of 14 samples, before and after the products; the GEMM figures are medians). The wasm GEMM at 256x256x256 reaches ${share(r, r.gemm["256x256x256"]?.wasm ?? NaN, 1)} of it.`;
}

function profileTables(r) {
  if (!r.profiles || r.profiles.length === 0) return "Not measured.";
  return r.profiles
    .map((p) => {
      const rows = p.top.map((x) => [x.name.replace(/\|/g, "/"), `${(100 * x.share).toFixed(1)}%`, fmt(x.msPerStep)]);
      return `${p.label}, ${fmt(p.msPerStep)} ms of CPU samples per step (one process, ${p.steps} steps; "(wasm)" marks a WebAssembly kernel, named file/function of src/backend/wasm/assembly):\n\n${table(["function (self time)", "share", "ms / step"], rows)}`;
    })
    .join("\n\n");
}

function overheadTable(r) {
  const rows = Object.entries(r.overhead).map(([fw, o]) => [label(r, fw), fmt(o.noGradUs), fmt(o.gradUs)]);
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
  if (v.seqgrad) lines.push(`- seqgrad ${v.seqgrad.version}, default backend \`${v.seqgrad.backend}\`: ${v.seqgrad.detail}${v.seqgrad.node ? `; Node ${v.seqgrad.node} (V8 ${v.seqgrad.v8}), the system's` : ""}`);
  if (v.seqgradNewest) lines.push(`- seqgrad on Node ${v.seqgradNewest.node} (V8 ${v.seqgradNewest.v8}), the newest of the npm registry: ${v.seqgradNewest.detail}`);
  if (v.seqgradSimd) {
    lines.push(`- seqgrad, SIMD128 only: the same with \`SEQGRAD_FMA=0\`, without the relaxed-SIMD fused multiply-add: ${v.seqgradSimd.detail}`);
  }
  if (v.torch) {
    lines.push(`- PyTorch ${v.torch.version}, ${v.torch.threads} threads, BLAS: ${v.torch.blas}; OpenBLAS core: ${v.torch.core ?? "unknown"}`);
  }
  if (r.browserInfo) {
    const b = r.browserInfo;
    const v8 = b.v8 ? `, V8 ${b.v8}` : "";
    const where = b.thread === "main" ? "on the page's main thread" : b.thread === "worker" ? "in a dedicated Web Worker of the page" : "in a page";
    lines.push(`- Chromium ${b.version} (headless${v8}), ${b.isolated ? "cross-origin isolated (shared memory)" : "not isolated (no shared memory)"}: ${b.detail}; steps ${where}, timed in the same rounds as the Node workers`);
  }
  const jaxVersion = v.jax?.version ?? r.jaxVersion;
  if (jaxVersion) {
    lines.push(`- jax-js ${jaxVersion}, device \`wasm\`, one thread in Node (its worker pool needs the Web Worker global): GEMM (\`jit\`-compiled \`matmul\`) and the one-layer LSTM language models (bench/jax-worker.mjs: \`jit(valueAndGrad(loss))\` and Adam written with its primitives)`);
  }
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
${nodeParagraph(r)}
The last column divides the floating-point operations of the step's matrix products (forward, and
twice that backward; elementwise work and Adam not counted) by seqgrad's step time: the step's
speed in GEMM terms, as a share of one core's SIMD128 ceiling (large products use two threads, so
it may pass 100%).

## GEMM, float32, GFLOP/s (one thread unless marked)

${ceilingLine(r)}

${gemmTable(r)}

## Where the time goes: CPU profiles of the two configurations slowest against PyTorch

${profileTables(r)}

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
