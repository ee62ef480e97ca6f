// `node bench/init-orthogonal.mjs` (after `npm run build`): time of the initializers that need
// linear algebra, orthogonal_ (Householder QR) and npRnn_ (symmetric eigenvalues), on the sizes
// where TF.js's orthogonal initializer took over 2.5 minutes (256 x 1024). PyTorch's
// nn.init.orthogonal_ is timed too when /usr/bin/python3 has torch. Medians over 5 runs.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { timeWallCpu } from "./lib/stats.mjs";

const require = createRequire(import.meta.url);
const { init, zeros, manualSeed } = require("seqgrad");
const PYTHON = process.env.SEQGRAD_BENCH_PYTHON ?? "/usr/bin/python3";
const RUNS = 5;

function time(fn) {
  return timeWallCpu(fn, RUNS);
}

function torchTime(shape, kind) {
  const code = `
import time, torch
torch.manual_seed(0)
w = torch.empty(${shape.join(", ")})
f = (lambda: torch.nn.init.orthogonal_(w)) if "${kind}" == "orthogonal" else None
f(); ts = []
for _ in range(${RUNS}):
    t0 = time.perf_counter(); f(); ts.append((time.perf_counter() - t0) * 1000)
print(sorted(ts)[len(ts) // 2])`;
  const r = spawnSync(PYTHON, ["-c", code], { encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "2" } });
  return r.status === 0 ? Number(r.stdout.trim()) : null;
}

manualSeed(0);
const rows = [];
for (const shape of [[256, 1024], [1024, 256], [512, 512], [1024, 1024]]) {
  const w = zeros(shape);
  rows.push({ init: "orthogonal_", shape, seqgradMs: time(() => init.orthogonal_(w)), torchMs: torchTime(shape, "orthogonal") });
}
for (const H of [64, 256, 512]) {
  const w = zeros([H, H]);
  rows.push({ init: "npRnn_", shape: [H, H], seqgradMs: time(() => init.npRnn_(w)), torchMs: null });
}
console.log("| initializer | shape | seqgrad wall (ms) | seqgrad CPU (ms) | PyTorch wall (ms) |");
console.log("|---|---|---:|---:|---:|");
for (const r of rows) {
  const torch = r.torchMs === null ? "-" : r.torchMs.toFixed(1);
  console.log(`| ${r.init} | [${r.shape.join(", ")}] | ${r.seqgradMs.wall.toFixed(1)} | ${r.seqgradMs.cpu.toFixed(1)} | ${torch} |`);
}
