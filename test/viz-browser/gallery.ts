/** One figure of every kind, with lecture-like data: what the screenshot test draws. */
import "../../src/backend";
import { manualSeed, randn, tensor } from "../../src/tensor";
import * as viz from "../../src/viz";
import { withScope } from "../../src/autograd";
import type { Tensor } from "../../src/tensor";
import { GRU, LSTM, RNN } from "../../src/nn";

function recurrentLoss(layer: RNN | LSTM | GRU, T: number): Tensor {
  return layer.forward(randn([T, 2, 4])).output.select(0, T - 1).sum();
}

function unrolledWithNorms(): viz.FigureLike {
  const rnn = new RNN({ inputSize: 4, hiddenSize: 8, numLayers: 2, fused: false });
  const loss = recurrentLoss(rnn, 8);
  viz.retainHiddenGrads(loss);
  loss.backward();
  return viz.unrolled(loss, { title: "2-layer RNN, ||dL/dh_t|| after backward" });
}

function softmaxRows(T: number, S: number, heads: number, sharp: number): number[][][] {
  const out: number[][][] = [];
  for (let k = 0; k < heads; k++) {
    const head: number[][] = [];
    for (let t = 0; t < T; t++) {
      const e = Array.from({ length: S }, (_, s) => Math.exp(-sharp * (s - t * (S / T) - k) ** 2));
      const z = e.reduce((a, b) => a + b, 0);
      head.push(e.map((v) => v / z));
    }
    out.push(head);
  }
  return out;
}

const SOURCE = ["the", "black", "cat", "sat", "on", "the", "mat", "<img src=x onerror=alert(1)>"];
const TARGET = ["le", "chat", "noir", "s'est", "assis", "sur", "le", "tapis"];

function gatesFigure(): viz.FigureLike {
  const lstm = new LSTM({ inputSize: 4, hiddenSize: 24, fused: false });
  const tokens = "to be or not to be that is the question".split(" ");
  return viz.gates(lstm.forward(randn([tokens.length, 1, 4])).output, { tokens });
}

function trainingCurves(): viz.FigureLike {
  const live = viz.curves({ total: 400, live: false, title: "char-LM training" });
  for (let step = 1; step <= 300; step++) {
    const loss = 1.4 + 2.8 * Math.exp(-step / 60) + 0.15 * Math.sin(step * 1.7);
    live.onStep({ step, epoch: Math.floor(step / 100), loss, gradNorm: 0.5 + 4 * Math.exp(-step / 40) + 0.3 * Math.abs(Math.sin(step)), lr: step < 50 ? 0.002 * (step / 50) : 0.002, metrics: {} });
    if (step % 50 === 0) live.onEval({ step, epoch: Math.floor(step / 100), metrics: { valid_loss: 1.6 + 2.6 * Math.exp(-step / 70), perplexity: Math.exp(1.6 + 2.6 * Math.exp(-step / 70)) } });
  }
  return live.figure();
}

function flows(): viz.FigureLike {
  const T = 20;
  const models = [
    ["RNN", new RNN({ inputSize: 4, hiddenSize: 16, fused: false })],
    ["LSTM", new LSTM({ inputSize: 4, hiddenSize: 16, fused: false })],
    ["GRU", new GRU({ inputSize: 4, hiddenSize: 16, fused: false })],
  ] as const;
  return viz.gradflow(models.map(([name, m]) => viz.measureGradientFlow(recurrentLoss(m, T), { model: name })));
}

/** Five initializations of one RNN, with the long names a notebook gives them. */
function flowsOfFive(): viz.FigureLike {
  const T = 12;
  const names = ["gaussian init, std 1/sqrt(H)", "gaussian init, std 0.5/sqrt(H)", "orthogonal init (gain 1)", "identity init (IRNN, ReLU)", "np-RNN (normalized positive definite)"];
  return viz.gradflow(names.map((model) => viz.measureGradientFlow(recurrentLoss(new RNN({ inputSize: 4, hiddenSize: 8, fused: false }), T), { model })), { title: "Five initializations" });
}

/** Micrograd's neuron: o = tanh(x1 w1 + x2 w2 + b), after backward. */
export function neuron(): Tensor {
  const leaf = (v: number, name: string, grad = true): Tensor => {
    const t = tensor(v, { requiresGrad: grad, dtype: "float64" });
    t.name = name;
    return t;
  };
  const [x1, x2, w1, w2, b] = [leaf(2, "x1", false), leaf(0, "x2", false), leaf(-3, "w1"), leaf(1, "w2"), leaf(6.8813735870195432, "b")];
  const o = x1.mul(w1).add(x2.mul(w2)).add(b).tanh();
  o.name = "o";
  o.backward();
  return o;
}

/** A 1-layer tanh RNN unrolled by hand for T steps with scope tags, and its loss. */
export function tinyRnn(T: number, H = 4): { loss: Tensor; hs: Tensor[] } {
  const wxh = randn([3, H], { requiresGrad: true });
  wxh.name = "rnn.weight_ih_l0";
  const whh = randn([H, H], { requiresGrad: true }).mul(0.5).detach();
  whh.requiresGrad = true;
  whh.name = "rnn.weight_hh_l0";
  const why = randn([H, 2], { requiresGrad: true });
  why.name = "head.weight";
  let h = randn([1, H]);
  const hs: Tensor[] = [];
  let loss: Tensor | null = null;
  for (let t = 0; t < T; t++) {
    const x = randn([1, 3]);
    h = withScope({ module: "rnn.l0", step: t }, () => {
      const xt = withScope({ role: "x" }, () => x.mul(1));
      return withScope({ role: "h" }, () => xt.matmul(wxh).add(h.matmul(whh)).tanh());
    });
    hs.push(h);
    const step = h;
    const y = withScope({ module: "head", step: t, role: "y" }, () => step.matmul(why));
    const l = withScope({ module: "loss", step: t, role: "loss" }, () => y.mul(y).mean());
    loss = loss === null ? l : loss.add(l);
  }
  return { loss: loss ?? tensor(0), hs };
}

/** h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h) with a 1-D h and role-less inner ops: the notebook way. */
function vectorRnn(T: number, H = 4): Tensor {
  const param = (shape: number[], name: string): Tensor => {
    const p = randn(shape, { requiresGrad: true });
    p.name = name;
    return p;
  };
  const [whh, wxh, b] = [param([H, H], "W_hh"), param([H, 3], "W_xh"), param([H], "b_h")];
  let h = tensor(new Array<number>(H).fill(0));
  let loss: Tensor | null = null;
  for (let t = 0; t < T; t++) {
    const x = randn([3]);
    h = withScope({ module: "rnn", step: t }, () => {
      const pre = whh.matmul(h).add(wxh.matmul(x)).add(b);
      return withScope({ role: "h" }, () => pre.tanh());
    });
    loss = loss === null ? h.sum() : loss.add(h.sum());
  }
  return loss ?? tensor(0);
}

/** Named figures to screenshot. */
export function gallery(): Array<[string, viz.FigureLike]> {
  manualSeed(0);
  const withNaN = randn([6, 9]);
  withNaN.data[4] = NaN;
  withNaN.data[11] = Infinity;
  return [
    ["tensor-scalar", viz.tensor(tensor(3.14159))],
    ["tensor-1d", viz.tensor(randn([40]), { title: "a vector" })],
    ["tensor-2d-small", viz.tensor(tensor([[1, -2, 3], [0.5, 0, -0.25]]))],
    ["tensor-2d-nan", viz.tensor(withNaN)],
    ["tensor-2d-large", viz.tensor(randn([300, 500]))],
    ["tensor-3d", viz.tensor(randn([5, 8, 12]))],
    ["graph-neuron", viz.graph(neuron(), { title: "o = tanh(x1 w1 + x2 w2 + b)" })],
    ["graph-rnn", viz.graph(tinyRnn(3).loss, { values: false })],
    ["unrolled-tiny", viz.unrolled(tinyRnn(5).loss, { title: "hand-made RNN with y_t and L_t" })],
    ["unrolled-lstm-expanded", viz.unrolled(recurrentLoss(new LSTM({ inputSize: 4, hiddenSize: 8, bidirectional: true, fused: false }), 4), { expanded: true })],
    ["unrolled-norms", unrolledWithNorms()],
    ["unrolled-vector-rnn", viz.unrolled(vectorRnn(4), { title: "1-D h, matmul(W_hh, h), role-less inner ops" })],
    ["gradflow", flows()],
    ["gradflow-five-models", flowsOfFive()],
    ["curves", trainingCurves()],
    ["spectrum", viz.spectrum(randn([32, 32]).mul(1 / Math.sqrt(32) * 1.1), { name: "rnn.weight_hh_l0" })],
    ["attention-single", viz.attention(softmaxRows(8, 8, 1, 0.8)[0] ?? [], { source: SOURCE, target: TARGET, title: "Alignment" })],
    ["attention-heads", viz.attention(softmaxRows(8, 8, 4, 0.5), { source: SOURCE, target: TARGET, columns: 2 })],
    ["gates", gatesFigure()],
    ["line", viz.line({ train: Array.from({ length: 300 }, (_, i) => 4 * Math.exp(-i / 60) + 0.3 + 0.05 * Math.sin(i)), valid: Array.from({ length: 300 }, (_, i) => 4 * Math.exp(-i / 70) + 0.45) }, { title: "Loss", xLabel: "step", yLabel: "loss", yScale: "log" })],
    ["scatter", viz.scatter([{ name: "RNN", x: [5, 10, 20, 40, 80], y: [0.9, 0.7, 0.4, 0.2, 0.1] }, { name: "LSTM", x: [5, 10, 20, 40, 80], y: [0.95, 0.93, 0.9, 0.85, 0.8] }], { xLabel: "sequence length", yLabel: "accuracy", xScale: "log" })],
    ["heatmap", viz.heatmap([[50, 2, 1], [3, 40, 7], [0, 9, 38]], { xTicks: ["noun", "verb", "adj"], yTicks: ["noun", "verb", "adj"], xLabel: "predicted", yLabel: "true", title: "Confusion" })],
    ["bar", viz.bar({ categories: ["copy", "reverse", "sort"], series: { RNN: [0.61, 0.32, 0.12], LSTM: [0.99, 0.94, 0.55], GRU: [0.98, 0.92, 0.51] } }, { yLabel: "accuracy", title: "Synthetic tasks" })],
  ];
}
