// `node bench/losses-optim.mjs` (after `npm run build`): the fused cross-entropy against the
// composed nllLoss(logSoftmax(x)) (forward + backward), and one optimizer step over the
// parameters of the char-LM configuration (LSTM emb 64, hidden 256, vocab 65: ~360k weights).
// Medians of wall-clock and CPU time over 7 runs (CPU time stays meaningful on a shared machine).
import { createRequire } from "node:module";
import { timeWallCpu } from "./lib/stats.mjs";

const require = createRequire(import.meta.url);
const { loss, functional, optim, randn, randint, manualSeed } = require("seqgrad");
const RUNS = 7;

function time(fn) {
  const { wall, cpu } = timeWallCpu(fn, RUNS);
  return `${wall.toFixed(2)} | ${cpu.toFixed(2)}`;
}

manualSeed(0);
console.log("| case | wall (ms) | CPU (ms) |");
console.log("|---|---:|---:|");
for (const [N, V] of [[2048, 65], [2048, 10000]]) {
  const x = randn([N, V], { requiresGrad: true });
  const t = randint(0, V, [N]);
  console.log(`| crossEntropy fused [${N}, ${V}] fwd+bwd | ${time(() => { x.grad = null; loss.crossEntropy(x, t).backward(); })} |`);
  console.log(`| nllLoss(logSoftmax) [${N}, ${V}] fwd+bwd | ${time(() => { x.grad = null; loss.nllLoss(functional.logSoftmax(x, -1), t).backward(); })} |`);
}
const shapes = [[65, 64], [1024, 64], [1024, 256], [1024], [1024], [65, 256], [65]];
const params = shapes.map((s) => randn(s, { requiresGrad: true }));
for (const p of params) p.grad = randn(p.shape);
const n = params.reduce((a, p) => a + p.numel, 0);
for (const [name, make] of [
  ["SGD momentum", () => new optim.SGD(params, { lr: 1e-3, momentum: 0.9 })],
  ["Adam", () => new optim.Adam(params, { lr: 1e-3 })],
  ["RMSprop centered", () => new optim.RMSprop(params, { lr: 1e-3, centered: true })],
]) {
  const opt = make();
  console.log(`| ${name} step, ${n} float32 weights | ${time(() => opt.step())} |`);
}
console.log(`| clipGradNorm, ${n} weights | ${time(() => optim.clipGradNorm(params, 1e9))} |`);
