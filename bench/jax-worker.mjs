// jax-js side of `npm run bench` (npm @jax-js/jax, a devDependency): a worker answering the same
// JSON-line commands as the other workers, on jax-js's WebAssembly device. It writes one model,
// the one-layer LSTM language model (char-LM LSTM, small LSTM), with jax-js primitives: an
// embedding, the LSTM recurrence unrolled over the sequence, a linear head, mean cross-entropy
// over every position; the gradient by `valueAndGrad`, Adam (lr 1e-3, the PyTorch defaults)
// written with the same primitives (jax-js's optimizers are a separate package), both `jit`-
// compiled once per configuration. Other configurations answer { na }.
//
// What jax-js cannot do here, and how the model goes around it:
// - The gradient of an embedding lookup (`np.take`, a gather: its transpose is a scatter) does not
//   compile under `jit` ("routine primitive scatter input is not imm"), so the embedding is
//   one-hot rows times the weight, [T B, V] x [V, E], as on the TF.js side; the one-hot rows are
//   data, made once.
// - It has no loop primitive (lax.scan): the T steps are unrolled into the traced program.
// - In Node its wasm device runs one thread (its worker pool needs the Web Worker global).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

// stdout carries the protocol
console.log = console.info = console.warn = (...args) => process.stderr.write(args.join(" ") + "\n");
const jax = await import("@jax-js/jax");
const { numpy: np, nn, init, defaultDevice, jit, valueAndGrad, tree, blockUntilReady } = jax;
await init("wasm");
defaultDevice("wasm");

const ADAM = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

/** A seeded uniform generator (mulberry32), so every run trains the same model. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** U(-bound, bound) float32 array of `shape` (PyTorch's default init of RNN and linear weights). */
function uniform(next, shape, bound) {
  const n = shape.reduce((a, b) => a * b, 1);
  return np.array(Float32Array.from({ length: n }, () => (next() * 2 - 1) * bound)).reshape(shape);
}

function oneHotRows(next, count, classes) {
  const ids = np.array(Int32Array.from({ length: count }, () => Math.floor(next() * classes)), { dtype: np.int32 });
  return nn.oneHot(ids, classes);
}

/** The reason configuration `c` is not written for jax-js, or null. */
function missing(c) {
  if (c.kind === "lm" && c.cell === "lstm" && c.layers === 1) return null;
  return "only the one-layer LSTM language model is written for jax-js";
}

/**
 * Mean cross-entropy of the LSTM language model over a batch (x: one-hot ids [T B, V], y: one-hot
 * targets [T B, V]), following the reference-counting rules of jax-js (every argument is consumed
 * once; `.ref` before each further use). Gates in PyTorch's order i, f, g, o:
 *   g_t = x_t W_ih + b + h_{t-1} W_hh,  c_t = s(f) c_{t-1} + s(i) tanh(g),  h_t = s(o) tanh(c_t).
 */
function lossOf(c) {
  const { seq: T, batch: B, hidden: H } = c;
  return (p, x, y) => {
    const e = np.matmul(x, p.emb); // [T B, E]
    const xw = np.matmul(e, p.wih).add(p.b).reshape([T, B, 4 * H]);
    let h = np.zeros([B, H]);
    let cell = np.zeros([B, H]);
    const hs = [];
    for (let t = 0; t < T; t++) {
      const g = xw.ref.slice(t).add(np.matmul(h, p.whh.ref));
      const i = nn.sigmoid(g.ref.slice([], [0, H]));
      const f = nn.sigmoid(g.ref.slice([], [H, 2 * H]));
      const cand = np.tanh(g.ref.slice([], [2 * H, 3 * H]));
      const o = nn.sigmoid(g.slice([], [3 * H, 4 * H]));
      cell = f.mul(cell).add(i.mul(cand));
      h = o.mul(np.tanh(cell.ref));
      hs.push(h.ref);
    }
    h.dispose();
    cell.dispose();
    xw.dispose();
    p.whh.dispose();
    const logits = np.matmul(np.stack(hs).reshape([T * B, H]), p.wout).add(p.bout);
    return nn.logSoftmax(logits, -1).mul(y).sum().mul(-1 / (T * B));
  };
}

/** Adam on every leaf of the parameter tree; c1, c2 are the bias corrections 1/(1 - beta^t). */
const adam = jit((p, g, m, v, c1, c2) => {
  const { lr, beta1, beta2, eps } = ADAM;
  const out = { p: {}, m: {}, v: {} };
  for (const k of Object.keys(p)) {
    const gk = g[k];
    const mk = m[k].mul(beta1).add(gk.ref.mul(1 - beta1));
    const vk = v[k].mul(beta2).add(gk.ref.mul(gk).mul(1 - beta2));
    out.p[k] = p[k].sub(mk.ref.mul(c1.ref).div(np.sqrt(vk.ref.mul(c2.ref)).add(eps)).mul(lr));
    out.m[k] = mk;
    out.v[k] = vk;
  }
  c1.dispose();
  c2.dispose();
  return out;
});

/** One training step of configuration `c` as an async closure returning the loss. */
function make(c) {
  const next = rng(1234);
  const { vocab: V, emb: E, hidden: H, seq: T, batch: B } = c;
  const k = 1 / Math.sqrt(H);
  let p = {
    emb: uniform(next, [V, E], 1),
    wih: uniform(next, [E, 4 * H], k),
    whh: uniform(next, [H, 4 * H], k),
    b: uniform(next, [4 * H], k),
    wout: uniform(next, [H, V], k),
    bout: uniform(next, [V], k),
  };
  let m = tree.map((x) => np.zerosLike(x.ref), p);
  let v = tree.map((x) => np.zerosLike(x.ref), p);
  const x = oneHotRows(next, T * B, V);
  const y = oneHotRows(next, T * B, V);
  const lossAndGrad = jit(valueAndGrad(lossOf(c)));
  let t = 0;
  return async () => {
    t++;
    const [loss, g] = lossAndGrad(tree.map((a) => a.ref, p), x.ref, y.ref);
    const c1 = np.array(1 / (1 - ADAM.beta1 ** t));
    const c2 = np.array(1 / (1 - ADAM.beta2 ** t));
    ({ p, m, v } = adam(p, g, m, v, c1, c2));
    await blockUntilReady([p, m, v]);
    const value = (await loss.data())[0];
    return value;
  };
}

async function timeSteps(step, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
  }
  return times;
}

function version() {
  const main = createRequire(import.meta.url).resolve("@jax-js/jax");
  return JSON.parse(readFileSync(join(dirname(main), "..", "package.json"), "utf8")).version;
}

async function main() {
  const steps = new Map();
  const reply = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  for await (const line of createInterface({ input: process.stdin })) {
    const req = JSON.parse(line);
    try {
      if (req.cmd === "info") {
        reply({ version: version(), backend: "wasm" });
      } else if (req.cmd === "setup") {
        const gap = missing(req.config);
        if (gap !== null) {
          reply({ na: gap });
          continue;
        }
        const step = make(req.config);
        for (let i = 0; i < (req.warmup ?? 1); i++) await step();
        steps.set(req.config.name, step);
        reply({ ok: true });
      } else if (req.cmd === "run") {
        reply({ times: await timeSteps(steps.get(req.name), req.steps) });
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

main().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err?.stack ?? err) }) + "\n");
  process.exit(1);
});
