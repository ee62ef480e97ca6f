// A focused timing of one training step of any configuration of configs.json (by name, e.g.
// `charlm-lstm`, `charlm-gru`, `charlm-rnn`, `deep-lstm`, `seq2seq-attn`, `small-lstm`; `seq2seq`
// and `small` are short for the last two), on the built package (`npm run build` first), with the
// very models of bench/seqgrad-worker.mjs.
//
//   node bench/step.mjs [--config NAME] [--steps N] [--against DIR]
//
// Prints the median, the minimum and the quartiles of the step times in milliseconds after 3
// warm-up steps, the median CPU time of the process per step (the steadier figure on a busy
// machine, with SEQGRAD_THREADS=1), and the medians of the step's three phases: forward (with the
// loss), backward, and zeroGrad + Adam. `--against DIR` also loads another build of the package
// (a directory with its package.json and dist/, e.g. a worktree of an earlier commit after
// `npm run build`) and alternates its steps with this build's steps, the fairest comparison
// on a busy machine; both use the same configuration and the same number of steps.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { model } from "./seqgrad-worker.mjs";

const require = createRequire(import.meta.url);
const ALIASES = { seq2seq: "seq2seq-attn", small: "small-lstm" };

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const configs = JSON.parse(readFileSync(new URL("./configs.json", import.meta.url), "utf8")).configs;
const which = option("--config", "charlm-lstm");
const config = configs.find((x) => x.name === (ALIASES[which] ?? which));
if (config === undefined) {
  throw new Error(`step: --config must be one of ${configs.map((c) => c.name).join(", ")} (or seq2seq, small); got ${which}`);
}
const small = config.hidden < 128;
const steps = Number(option("--steps", small ? "200" : "20"));
const against = option("--against", null);

/** A build of the package, its model and its per-phase timings. */
function variant(label, lib) {
  const { loss, opt } = model(config, lib);
  const times = { step: [], cpu: [], forward: [], backward: [], optimizer: [] };
  const step = () => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const value = loss();
    const t1 = performance.now();
    value.backward();
    const t2 = performance.now();
    opt.step();
    opt.zeroGrad();
    const t3 = performance.now();
    const used = process.cpuUsage(c0);
    value.item();
    return { step: t3 - t0, cpu: (used.user + used.system) / 1e3, forward: t1 - t0, backward: t2 - t1, optimizer: t3 - t2 };
  };
  return { label, backend: lib.getBackend().name, times, step, lib };
}

const variants = [variant("this build", require("seqgrad"))];
if (against !== null) variants.push(variant(`build in ${against}`, require(resolve(against))));
for (const v of variants) for (let i = 0; i < 3; i++) v.step();
for (let i = 0; i < steps; i++) {
  for (const v of i % 2 === 0 ? variants : [...variants].reverse()) {
    const t = v.step();
    for (const key of Object.keys(v.times)) v.times[key].push(t[key]);
  }
}

const sorted = (xs) => [...xs].sort((a, b) => a - b);
const at = (xs, f) => sorted(xs)[Math.min(xs.length - 1, Math.floor(f * xs.length))];
const ms = (x) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const load = loadavg()[0].toFixed(2);
/** Copies between JS arrays and wasm memory in one more step of `v` (null when the backend has no memory of its own). */
function copiesOfStep(v) {
  const transfers = v.lib.getBackend().transfers;
  if (transfers === undefined) return null;
  const before = transfers();
  v.step();
  const after = transfers();
  return { copies: after.copies - before.copies, bytes: after.bytes - before.bytes };
}

for (const v of variants) {
  const t = v.times;
  const copied = copiesOfStep(v);
  process.stdout.write(
    `${config.label}, ${v.label} (${v.backend}): median ${ms(at(t.step, 0.5))} ms, min ${ms(at(t.step, 0))}, ` +
      `quartiles ${ms(at(t.step, 0.25))}..${ms(at(t.step, 0.75))}, CPU ${ms(at(t.cpu, 0.5))} ms; ` +
      `forward ${ms(at(t.forward, 0.5))}, backward ${ms(at(t.backward, 0.5))}, optimizer ${ms(at(t.optimizer, 0.5))}; ` +
      `over ${steps} steps (load ${load})` +
      (copied === null ? "" : `; copies JS<->wasm per step: ${copied.copies} (${(copied.bytes / 1024).toFixed(0)} KiB)`) +
      "\n",
  );
}
