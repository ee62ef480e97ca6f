// A focused timing of one char-LM training step (vocab 65, emb 64, H 256, B 32, T 64: the
// `charlm-lstm` configuration of configs.json), on the built package (`npm run build` first).
//
//   node bench/charlm-step.mjs [--steps N] [--pin | --compare] [--cell lstm|gru|rnn]
//
// `--cell` picks the recurrent layer: nn.LSTM (default), nn.GRU or nn.RNN (tanh), same sizes.
// `--pin` keeps W_hh resident in the backend's memory for the whole forward and again for the
// whole backward (`backend.pin` / `backend.unpin`), as a fused recurrence does internally, so the
// per-step GEMMs on W_hh skip their copy. Without it every GEMM copies W_hh. Prints the median,
// the minimum and the quartiles of the step times in milliseconds, after 3 warm-up steps, and
// the median CPU time of the process per step: on a busy machine, with SEQGRAD_THREADS=1, that
// is the steadier figure (it leaves out the time spent waiting for a core). `--compare` alternates
// unpinned and pinned steps in one process (N of each), the fairest comparison on a busy machine.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const sg = require("seqgrad");

function option(name, fallback) {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const steps = Number(option("--steps", "20"));
const compare = process.argv.includes("--compare");
let pin = process.argv.includes("--pin") || compare;
const cell = option("--cell", "lstm");
if (!["lstm", "gru", "rnn"].includes(cell)) throw new Error(`charlm-step: --cell must be lstm, gru or rnn; got ${cell}`);
const configs = JSON.parse(readFileSync(new URL("./configs.json", import.meta.url), "utf8")).configs;
const c = { ...configs.find((x) => x.name === "charlm-lstm"), cell };

const emb = new sg.nn.Embedding(c.vocab, c.emb);
const Rnn = sg.nn[c.cell.toUpperCase()];
const rnn = new Rnn({ inputSize: c.emb, hiddenSize: c.hidden, numLayers: 1 });
const head = new sg.nn.Linear(c.hidden, c.vocab);
const x = sg.randint(0, c.vocab, [c.seq, c.batch], { dtype: "int32" });
const y = sg.randint(0, c.vocab, [c.seq * c.batch], { dtype: "int32" });
const params = [emb, rnn, head].flatMap((m) => [...m.parameters()]);
const opt = new sg.optim.Adam(params, { lr: 1e-3 });
const backend = sg.getBackend();
if (pin && typeof backend.pin !== "function") throw new Error(`charlm-step: backend ${backend.name} has no pin`);

/** Runs `fn` with W_hh pinned when --pin is given (one scope, never across the optimizer step). */
function scoped(fn) {
  if (!pin) return fn();
  const handle = backend.pin(rnn.weight_hh_l0.data);
  try {
    return fn();
  } finally {
    backend.unpin(handle);
  }
}

function step() {
  opt.zeroGrad();
  const loss = scoped(() => {
    const { output } = rnn.forward(emb.forward(x));
    const logits = head.forward(output);
    return sg.functional.crossEntropy(sg.reshape(logits, [c.seq * c.batch, c.vocab]), y);
  });
  scoped(() => loss.backward());
  opt.step();
  return loss.item();
}

for (let i = 0; i < 3; i++) step();
const variants = compare ? [false, true] : [pin];
const times = new Map(variants.map((v) => [v, []]));
const cpu = new Map(variants.map((v) => [v, []]));
for (let i = 0; i < steps; i++) {
  for (const v of i % 2 === 0 ? variants : [...variants].reverse()) {
    pin = v;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    step();
    times.get(v).push(performance.now() - t0);
    const used = process.cpuUsage(c0);
    cpu.get(v).push((used.user + used.system) / 1e3);
  }
}
const load = require("node:os").loadavg()[0].toFixed(2);
for (const v of variants) {
  const t = times.get(v).sort((a, b) => a - b);
  const u = cpu.get(v).sort((a, b) => a - b);
  const q = (f) => t[Math.min(t.length - 1, Math.floor(f * t.length))].toFixed(1);
  process.stdout.write(
    `char-LM ${cell.toUpperCase()} step (${backend.name}${v ? ", W_hh pinned" : ""}): median ${q(0.5)} ms, min ${q(0)}, ` +
      `quartiles ${q(0.25)}..${q(0.75)}, CPU ${u[Math.floor(steps / 2)].toFixed(1)} ms, over ${steps} steps (load ${load})\n`,
  );
}
