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
import { timeSteps } from "./lib/stats.mjs";

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

function crossEntropy(lib) {
  return lib.functional?.crossEntropy ?? lib.loss?.crossEntropy;
}

function rnnModule(lib, c, inputSize, numLayers = 1) {
  const Cls = lib.nn[c.cell.toUpperCase()];
  return new Cls({ inputSize, hiddenSize: c.hidden, numLayers });
}

function ids(lib, vocab, shape) {
  return lib.randint(0, vocab, shape, { dtype: "int32" });
}

/** char-LM: ids [T, B] -> logits [T*B, V]. */
function languageModel(lib, c) {
  const emb = new lib.nn.Embedding(c.vocab, c.emb);
  const rnn = rnnModule(lib, c, c.emb, c.layers);
  const out = new lib.nn.Linear(c.hidden, c.vocab);
  const x = ids(lib, c.vocab, [c.seq, c.batch]);
  const y = ids(lib, c.vocab, [c.seq * c.batch]);
  const ce = crossEntropy(lib);
  const loss = () => {
    const { output } = rnn.forward(emb.forward(x));
    const logits = out.forward(output);
    return ce(lib.reshape(logits, [c.seq * c.batch, c.vocab]), y);
  };
  return { modules: [emb, rnn, out], loss };
}

/** GRU encoder-decoder, Luong dot attention (no input feeding), teacher forcing. */
function seq2seq(lib, c) {
  const srcEmb = new lib.nn.Embedding(c.srcVocab, c.emb);
  const tgtEmb = new lib.nn.Embedding(c.tgtVocab, c.emb);
  const encoder = rnnModule(lib, c, c.emb);
  const decoder = rnnModule(lib, c, c.emb);
  const combine = new lib.nn.Linear(2 * c.hidden, c.hidden);
  const out = new lib.nn.Linear(c.hidden, c.tgtVocab);
  const attention = new lib.nn.DotAttention();
  const src = ids(lib, c.srcVocab, [c.srcLen, c.batch]);
  const tgtIn = ids(lib, c.tgtVocab, [c.tgtLen, c.batch]);
  const tgtOut = lib.reshape(lib.transpose(ids(lib, c.tgtVocab, [c.tgtLen, c.batch]), 0, 1), [c.batch * c.tgtLen]);
  const ce = crossEntropy(lib);
  const loss = () => {
    const enc = encoder.forward(srcEmb.forward(src));
    const dec = decoder.forward(tgtEmb.forward(tgtIn), enc.h);
    const encB = lib.transpose(enc.output, 0, 1); // [B, S, H]
    const decB = lib.transpose(dec.output, 0, 1); // [B, T, H]
    const ctx = attention.forward(decB, encB, encB).context; // softmax(decB encB^T) encB, [B, T, H]
    const combined = lib.tanh(combine.forward(lib.cat([ctx, decB], -1)));
    const logits = out.forward(combined); // [B, T, V]
    return ce(lib.reshape(logits, [c.batch * c.tgtLen, c.tgtVocab]), tgtOut);
  };
  return { modules: [srcEmb, tgtEmb, encoder, decoder, combine, out], loss };
}

/**
 * The model of configuration `c`: its modules, a loss closure over its fixed batch, and Adam.
 * `lib` is the seqgrad package to build it with (default this worker's; another build can be
 * passed to compare two builds in one process).
 */
export function model(c, lib = sg) {
  const { modules, loss } = c.kind === "lm" ? languageModel(lib, c) : seq2seq(lib, c);
  const params = modules.flatMap((m) => [...m.parameters()]);
  return { modules, loss, opt: new lib.optim.Adam(params, { lr: 1e-3 }) };
}

/** One training step of configuration `c` as a closure returning the loss. */
export function make(c) {
  const { loss, opt } = model(c);
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
        reply({ version: require("seqgrad/package.json").version, backend: backend.name, detail: backend.detail ?? "" });
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
        reply({ times: timeSteps(steps.get(req.name), req.steps) });
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
