// seqgrad side of `npm run bench`: a worker answering JSON-line commands on stdin, loading the
// built package (`require("seqgrad")`, dist/). Same models as the PyTorch and TF.js sides:
// nn.Embedding -> nn.LSTM/GRU/RNN -> nn.Linear, functional.crossEntropy, optim.Adam (lr 1e-3);
// the GRU seq2seq with Luong dot attention (nn.DotAttention: softmax(s H^T) H, as bmm-softmax-bmm).
// A configuration whose building blocks the package does not export answers { na: reason }.
// `--memory NAME --steps N` instead trains one configuration in this fresh process and prints
// its peak resident set size. Imported (by bench/step.mjs), it only exports the models.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { crossEntropy, model } from "./lib/models.mjs";
import { timeStepsYielding } from "./lib/stats.mjs";

export { model };

const require = createRequire(import.meta.url);
const sg = require("seqgrad");

/** The first missing export among those a configuration needs, or null. */
function missing(c) {
  const need = [
    ["nn.Embedding", sg.nn?.Embedding],
    ["nn.Linear", sg.nn?.Linear],
    [`nn.${c.cell.toUpperCase()}`, sg.nn?.[c.cell.toUpperCase()]],
    ["functional.crossEntropy", crossEntropy(sg)],
    ["optim.Adam", sg.optim?.Adam],
  ];
  if (c.kind === "seq2seq") need.push(["nn.DotAttention", sg.nn?.DotAttention]);
  const gap = need.find(([, value]) => typeof value !== "function");
  return gap === undefined ? null : `seqgrad does not export ${gap[0]} yet`;
}


/** One training step of configuration `c` as a closure returning the loss. */
export function make(c) {
  const { loss, opt } = model(c, sg);
  return () => {
    opt.zeroGrad();
    const value = loss();
    value.backward();
    opt.step();
    return value.item();
  };
}

function overhead(n) {
  const b = sg.ones([4]);
  const out = {};
  for (const [key, grad] of [["noGradUs", false], ["gradUs", true]]) {
    const a = sg.ones([4], { requiresGrad: grad });
    for (let i = 0; i < 10000; i++) sg.add(a, b);
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sg.add(a, b);
    out[key] = ((performance.now() - t0) / n) * 1e3;
  }
  return out;
}

function orthogonal() {
  const orth = sg.init?.orthogonal_;
  if (typeof orth !== "function") return { na: "seqgrad does not export init.orthogonal_ yet" };
  const w = sg.zeros([256, 1024]);
  orth(w);
  const t0 = performance.now();
  orth(w);
  return { ms: performance.now() - t0 };
}

function memory(name, steps) {
  const configs = JSON.parse(readFileSync(new URL("./configs.json", import.meta.url), "utf8")).configs;
  const c = configs.find((x) => x.name === name);
  const gap = missing(c);
  if (gap !== null) return { na: gap };
  const baselineMB = process.resourceUsage().maxRSS / 1024;
  const step = make(c);
  for (let i = 0; i < steps; i++) step();
  return { baselineMB, peakMB: process.resourceUsage().maxRSS / 1024 };
}

async function serve() {
  const steps = new Map();
  const reply = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  for await (const line of createInterface({ input: process.stdin })) {
    const req = JSON.parse(line);
    try {
      if (req.cmd === "info") {
        const backend = sg.getBackend();
        reply({ version: require("seqgrad/package.json").version, backend: backend.name, detail: backend.detail ?? "", node: process.versions.node, v8: process.versions.v8 });
      } else if (req.cmd === "setBackend") {
        sg.setBackend(req.name);
        reply({ ok: true });
      } else if (req.cmd === "setup") {
        const gap = missing(req.config);
        if (gap !== null) {
          reply({ na: gap });
          continue;
        }
        const step = make(req.config);
        for (let i = 0; i < (req.warmup ?? 2); i++) step();
        steps.set(req.config.name, step);
        reply({ ok: true });
      } else if (req.cmd === "run") {
        // copies between JS arrays and wasm memory made inside the timed steps, per step
        const transfers = sg.getBackend().transfers;
        const before = transfers?.();
        const times = await timeStepsYielding(steps.get(req.name), req.steps);
        const after = transfers?.();
        const copies = before === undefined || after === undefined ? null : (after.copies - before.copies) / req.steps;
        reply({ times, copies });
      } else if (req.cmd === "overhead") {
        reply(overhead(req.n));
      } else if (req.cmd === "orthogonal") {
        reply(orthogonal());
      } else if (req.cmd === "quit") {
        break;
      } else {
        reply({ error: `unknown command ${req.cmd}` });
      }
    } catch (err) {
      reply({ error: String(err?.message ?? err) });
    }
  }
  process.exit(0);
}

/** Runs as a worker (or a --memory probe) only when started as the main script. */
function main() {
  const at = process.argv.indexOf("--memory");
  if (at >= 0) {
    const stepsAt = process.argv.indexOf("--steps");
    const steps = stepsAt >= 0 ? Number(process.argv[stepsAt + 1]) : 5;
    process.stdout.write(JSON.stringify(memory(process.argv[at + 1], steps)) + "\n");
  } else {
    serve();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
