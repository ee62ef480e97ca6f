/**
 * One design, two drawings: every figure kind and the hard payloads of the library (a constant
 * series, a single point, NaN and Inf gaps, 1e-10 to 1e10, negative values on a log axis, long
 * labels, 1 token, 200 tokens, repeated tokens, a 2000 x 2000 tensor, a 300-node graph) drawn by the
 * lab renderer and, beside it, by the static SVG. They must agree: the same numeric tick labels,
 * the same series colours, the same number, order and kind of panels, the same values in small
 * heat maps' cells, the same text in every graph node; no numeric tick label is longer than 8
 * characters. Each pair is kept as a screenshot in test-artifacts/browser/side-by-side/.
 */
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ARTIFACTS, Suite } from "./harness.mjs";
import { compareFigure, kindOf, openComparePage } from "./compare.mjs";

const require = createRequire(import.meta.url);
const { makeAll, viz, sg } = require("./library-figures.cjs");

const OUT = join(ARTIFACTS, "side-by-side");

function display(figure) {
  return figure[Symbol.for("Jupyter.display")]();
}

/** The hard payloads of the issue, made by the library. */
function hardFigures() {
  const curves = (name, fill) => {
    const run = viz.curves({ live: false, title: name });
    fill(run);
    run.finish();
    return display(run.figure());
  };
  const long = "a very long series name that goes on and on for a while";
  const tokens = (n) => Array.from({ length: n }, (_, i) => `t${i}`);
  const uniform = (t, s) => Array.from({ length: t }, () => Array.from({ length: s }, () => 1 / s));
  let x = sg.randn([1, 4], { requiresGrad: true });
  for (let i = 0; i < 100; i++) x = x.tanh().mul(1.01).add(0.1);
  return {
    "no-values-yet": curves("nothing logged", () => undefined),
    "bars-rotated-labels": display(viz.bar(Object.fromEntries(["vanilla rnn", "lstm", "gru", "bidirectional lstm", "deep gru", "transformer", "attention seq2seq", "elmo", "char cnn", "n-gram"].map((m, i) => [m, 0.5 + ((i * 7) % 10) / 10])), { xLabel: "model", yLabel: "accuracy" })),
    "grouped-bars": display(viz.bar({ categories: ["rnn", "lstm", "gru", "transformer"], series: { "train loss": [1.9, 1.4, 1.5, 1.2], "valid loss": [2.1, 1.6, 1.6, 1.4], "test loss after fine-tuning": [2.0, 1.5, 1.55, 1.3] } }, { xLabel: "model", yLabel: "loss", title: "three series" })),
    "constant-series": curves("constant", (r) => { for (let s = 1; s <= 60; s++) r.log(s, { train_loss: 1.6271, lr: 0.005 }); }),
    "single-point": curves("one step", (r) => r.log(1, { train_loss: 2.5, valid_loss: 2.7 })),
    "nan-inf-gaps": curves("gaps", (r) => { for (let s = 1; s <= 40; s++) r.log(s, { train_loss: s % 7 === 0 ? NaN : s % 11 === 0 ? Infinity : 1 / s }); }),
    "wide-range-linear": display(viz.line({ y: [1e-10, 1, 1e5, 1e10] }, { xLabel: "i", yLabel: "value" })),
    "wide-range-log": display(viz.line({ y: [1e-10, 1, 1e5, 1e10] }, { yScale: "log", xLabel: "i", yLabel: "value" })),
    "negative-on-log": display(viz.line({ y: [-1, 0, 0.01, 0.5, 3] }, { yScale: "log", yLabel: "value" })),
    "long-labels": display(viz.line({ [long]: [1, 2, 3], [`${long} again`]: [3, 2, 1] }, { xLabel: long, yLabel: "y" })),
    "one-token": display(viz.attention([[1]], { source: ["x"], target: ["y"] })),
    "200-tokens": display(viz.attention(uniform(200, 200), { source: tokens(200), target: tokens(200) })),
    "attention-6-heads": display(viz.attention(Array.from({ length: 6 }, () => uniform(6, 7)), { source: tokens(7), target: tokens(6), titles: ["head 0", "head 1", "head 2", "head 3", "head 4", "head 5"] })),
    "repeated-tokens": display(viz.attention(uniform(4, 5), { source: ["the", " ", "the", " ", "."], target: ["a", "a", "a", "b"] })),
    "tensor-2000x2000": display(viz.tensor(sg.randn([2000, 2000]))),
    "graph-300-nodes": display(viz.graph(x.sum())),
    "tensor-2x3-values": display(viz.tensor(sg.tensor([[1, -2.5, 0.125], [1000, 0, -0.004]]))),
    "graph-5-step-rnn": display(viz.graph(fiveStepLoss())),
    "image-long-title": display(viz.image(sg.rand([3, 6, 6]), { title: "a title much wider than the small image it names, so it wraps onto a second line" })),
    "constant-lr-power-of-ten": curves("lr at 1e-3", (r) => { for (let s = 1; s <= 30; s++) r.log(s, { train_loss: 2 / s, lr: 0.001 }); }),
    "unrolled-vanishing": display(viz.unrolled(vanishingLoss(), { title: "tanh RNN, 12 steps: ||dL/dh_t|| over decades" })),
    "unrolled-lstm-expanded": display(viz.unrolled(bidirectionalLoss(), { expanded: true })),
    "spectrum-grid": display(viz.spectrum(recipeMatrices(), { name: "W_hh", title: "four recipes: eigenvalues of W_hh" })),
  };
}

/** Four 16 x 16 recurrent matrices as notebook 05 makes them (uniform, Gaussian, identity, a positive-definite one), by name. */
function recipeMatrices() {
  sg.manualSeed(3);
  const h = 16;
  const a = sg.randn([h, h]);
  const npRnn = a.transpose(0, 1).matmul(a).mul(1 / (4 * h));
  return {
    uniform: sg.rand([h, h]).mul(2 / Math.sqrt(h)).add(-1 / Math.sqrt(h)),
    Gaussian: sg.randn([h, h]).mul(1 / Math.sqrt(h)),
    IRNN: sg.eye(h),
    "np-RNN": npRnn,
  };
}

/** The loss of a 12-step tanh RNN with small recurrent weights, at the last step only: its gradients vanish back in time. */
function vanishingLoss() {
  sg.manualSeed(1);
  const rnn = new sg.nn.RNN({ inputSize: 2, hiddenSize: 3 });
  const w = rnn.weight_hh_l0.data;
  for (let i = 0; i < w.length; i++) w[i] *= 0.2;
  const out = rnn.forward(sg.randn([12, 1, 2])).output;
  const loss = out.narrow(0, 11, 1).sum();
  viz.retainHiddenGrads(loss);
  loss.backward();
  return loss;
}

/** The loss of a composed bidirectional LSTM over 3 steps, with retained hidden gradients. */
function bidirectionalLoss() {
  sg.manualSeed(2);
  const lstm = new sg.nn.LSTM({ inputSize: 2, hiddenSize: 3, bidirectional: true, fused: false });
  const loss = lstm.forward(sg.randn([3, 1, 2])).output.pow(2).sum();
  viz.retainHiddenGrads(loss);
  loss.backward();
  return loss;
}

/** The loss of a 5-step RNN (its graph has one column per time step). */
function fiveStepLoss() {
  sg.manualSeed(0);
  const rnn = new sg.nn.RNN({ inputSize: 3, hiddenSize: 4 });
  const loss = rnn.forward(sg.randn([5, 2, 3])).output.pow(2).mean();
  loss.backward();
  return loss;
}

export async function runSideBySide(browser) {
  const suite = new Suite("side by side");
  console.log("side by side (lab renderer | static SVG)");
  mkdirSync(OUT, { recursive: true });
  const { page, close } = await openComparePage(browser);
  // SEQGRAD_CASES=<regex> draws only the cases whose names match (while working on one kind)
  const only = process.env.SEQGRAD_CASES === undefined ? null : new RegExp(process.env.SEQGRAD_CASES);
  const figures = Object.fromEntries(Object.entries({ ...makeAll(), ...hardFigures() }).filter(([name]) => only === null || only.test(name)));
  let index = 0;
  for (const [name, bundle] of Object.entries(figures)) {
    const shot = join(OUT, `${String(index).padStart(2, "0")}-${name}.png`);
    index += 1;
    await suite.test(`${name} (${kindOf(bundle)}): the lab and the static SVG show the same ticks, colours and panels`, () => compareFigure(page, viz, name, bundle, shot));
  }
  await close();
  return suite;
}
