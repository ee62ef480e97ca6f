// TensorFlow.js side of `npm run bench`: a worker answering JSON-line commands on stdin, with
// @tensorflow/tfjs on its WebAssembly backend (@tensorflow/tfjs-backend-wasm). Same models as the
// PyTorch and seqgrad sides: embedding -> RNN/LSTM/GRU (tf.layers) -> dense, softmax cross-entropy,
// Adam; the GRU seq2seq with dot attention composed from the same layers and tf ops.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import { timeSteps } from "./lib/stats.mjs";

const require = createRequire(import.meta.url);
// stdout carries the protocol: library chatter (e.g. tf.layers' initializer warnings) goes to stderr.
console.log = console.info = console.warn = (...args) => process.stderr.write(args.join(" ") + "\n");
const tf = require("@tensorflow/tfjs");
require("@tensorflow/tfjs-backend-wasm");

function rnnLayer(cell, hidden, extra = {}) {
  const options = { units: hidden, returnSequences: true, ...extra };
  if (cell === "lstm") return tf.layers.lstm(options);
  if (cell === "gru") return tf.layers.gru({ ...options, recurrentActivation: "sigmoid" });
  return tf.layers.simpleRNN(options);
}

/**
 * Embedding lookup as one-hot rows times a weight matrix: the wasm backend has no kernel for the
 * gradient of a gather (UnsortedSegmentSum), so this is how an embedding trains on it. The one-hot
 * input is data (made once, outside the step); the product is [N, V] x [V, E].
 */
function embedding(vocab, dim, ids) {
  const weight = tf.variable(tf.randomUniform([vocab, dim], -0.05, 0.05));
  const [b, t] = ids.shape;
  const oneHot = tf.tidy(() => tf.oneHot(ids.reshape([-1]), vocab).toFloat());
  return () => tf.matMul(oneHot, weight).reshape([b, t, dim]);
}

function randomIds(shape, vocab, seed) {
  return tf.tidy(() => tf.randomUniform(shape, 0, vocab, "int32", seed));
}

/** char-LM: ids [B, T] -> logits [B, T, V] (tf.layers are batch-major). */
function languageModel(c) {
  const rnns = Array.from({ length: c.layers }, () => rnnLayer(c.cell, c.hidden));
  const out = tf.layers.dense({ units: c.vocab });
  const x = randomIds([c.batch, c.seq], c.vocab, 1);
  const emb = embedding(c.vocab, c.emb, x);
  const y = randomIds([c.batch, c.seq], c.vocab, 2);
  const yOneHot = tf.oneHot(y.reshape([-1]), c.vocab);
  return () => {
    let h = emb();
    for (const rnn of rnns) h = rnn.apply(h);
    const logits = out.apply(h).reshape([-1, c.vocab]);
    return tf.losses.softmaxCrossEntropy(yOneHot, logits);
  };
}

/** GRU encoder-decoder with Luong dot attention (no input feeding), teacher forcing. */
function seq2seq(c) {
  const encoder = rnnLayer("gru", c.hidden, { returnState: true });
  const decoder = rnnLayer("gru", c.hidden);
  const combine = tf.layers.dense({ units: c.hidden, activation: "tanh" });
  const out = tf.layers.dense({ units: c.tgtVocab });
  const src = randomIds([c.batch, c.srcLen], c.srcVocab, 3);
  const tgtIn = randomIds([c.batch, c.tgtLen], c.tgtVocab, 4);
  const srcEmb = embedding(c.srcVocab, c.emb, src);
  const tgtEmb = embedding(c.tgtVocab, c.emb, tgtIn);
  const tgtOut = tf.oneHot(randomIds([c.batch, c.tgtLen], c.tgtVocab, 5).reshape([-1]), c.tgtVocab);
  return () => {
    const [enc, h] = encoder.apply(srcEmb());
    const dec = decoder.apply(tgtEmb(), { initialState: [h] });
    const attn = tf.softmax(tf.matMul(dec, enc, false, true));
    const ctx = tf.matMul(attn, enc);
    const combined = combine.apply(tf.concat([ctx, dec], -1));
    const logits = out.apply(combined).reshape([-1, c.tgtVocab]);
    return tf.losses.softmaxCrossEntropy(tgtOut, logits);
  };
}

function make(c) {
  const loss = c.kind === "lm" ? languageModel(c) : seq2seq(c);
  const opt = tf.train.adam(1e-3);
  tf.tidy(loss); // builds the layers' weights, so minimize() sees them as variables
  return () => {
    const value = opt.minimize(loss, true);
    const v = value.dataSync()[0];
    value.dispose();
    return v;
  };
}

function overhead(n) {
  const a = tf.ones([4]);
  const b = tf.ones([4]);
  const out = {};
  for (const [key, grad] of [["noGradUs", false], ["gradUs", true]]) {
    const body = () => {
      for (let i = 0; i < n; i++) tf.add(a, b).dispose();
    };
    const t0 = performance.now();
    if (grad) tf.grad((x) => { body(); return tf.add(x, b).sum(); })(a).dispose();
    else body();
    out[key] = ((performance.now() - t0) / n) * 1e3;
  }
  return out;
}

async function main() {
  await tf.setBackend("wasm");
  await tf.ready();
  const steps = new Map();
  const reply = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  for await (const line of createInterface({ input: process.stdin })) {
    const req = JSON.parse(line);
    if (req.cmd === "info") {
      reply({ version: tf.version.tfjs, backend: tf.getBackend(), wasm: require("@tensorflow/tfjs-backend-wasm").version_wasm });
    } else if (req.cmd === "setup") {
      const step = make(req.config);
      for (let i = 0; i < (req.warmup ?? 1); i++) step();
      steps.set(req.config.name, step);
      reply({ ok: true });
    } else if (req.cmd === "run") {
      reply({ times: timeSteps(steps.get(req.name), req.steps) });
    } else if (req.cmd === "overhead") {
      reply(overhead(req.n));
    } else if (req.cmd === "quit") {
      break;
    } else {
      reply({ error: `unknown command ${req.cmd}` });
    }
  }
  process.exit(0);
}

main().catch((err) => {
  process.stdout.write(JSON.stringify({ error: String(err?.stack ?? err) }) + "\n");
  process.exit(1);
});
