/**
 * MIME bundles made by the seqgrad library itself (built dist/, loaded as `require("seqgrad")`),
 * for the renderer tests. Each entry is a figure kind with a function making its bundle; a kind
 * whose `viz` function the library does not export is listed in `missing` (reported, not faked).
 */
const sg = require("seqgrad");

const { viz, nn } = sg;

function display(figure) {
  return figure[Symbol.for("Jupyter.display")] ? figure[Symbol.for("Jupyter.display")]() : figure.bundle();
}

/** A small LSTM's loss over T steps, for graph, unrolled and gate figures. */
function lstmLoss(T) {
  sg.manualSeed(3);
  const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4, fused: false });
  const x = sg.randn([T, 1, 3]);
  return lstm.forward(x).output.sum();
}

const makers = {
  tensor2d: () => display(viz.tensor(sg.randn([6, 9]), { title: "W_hh <b>weights</b>" })),
  tensor3d: () => display(viz.tensor(sg.randn([3, 4, 5]))),
  tensor1d: () => display(viz.tensor(sg.randn([40]))),
  tensor0d: () => display(viz.tensor(sg.tensor(3.25))),
  graph: () => {
    const a = sg.randn([2, 3], { requiresGrad: true });
    const b = sg.randn([3, 2], { requiresGrad: true });
    const loss = a.matmul(b).tanh().sum();
    loss.backward();
    return display(viz.graph(loss));
  },
  unrolled: () => {
    const loss = lstmLoss(4);
    viz.retainHiddenGrads(loss);
    loss.backward();
    return display(viz.unrolled(loss, { expanded: false }));
  },
  gradflow: () => {
    const loss = lstmLoss(5);
    return display(viz.gradflow(viz.measureGradientFlow(loss, { model: "LSTM" })));
  },
  attention: () => {
    const rows = [[0.7, 0.1, 0.1, 0.1], [0.1, 0.6, 0.2, 0.1], [0.05, 0.15, 0.7, 0.1]];
    return display(viz.attention(rows, { source: ["the", EVIL, "cat", "the"], target: ["le", "chat", EVIL] }));
  },
  gates: () => display(viz.gates(lstmLoss(5), { tokens: ["a", "b", EVIL, "b", "a"] })),
  spectrum: () => display(viz.spectrum(sg.randn([8, 8]), { name: "rnn.weight_hh_l0" })),
  curves: () => curveBundles(40)[0],
  line: () => display(viz.line({ train: [3, 2, 1.5, 1.2, 1.1], valid: [3.2, 2.4, 2, 1.9, 1.95] }, { xLabel: "epoch", yLabel: "loss" })),
  scatter: () => display(viz.scatter({ name: "points", x: [1, 2, 3, 4], y: [2, 1, 4, 3] })),
  heatmap: () => display(viz.heatmap(sg.randn([5, 7]), { title: "heat map" })),
  bar: () => display(viz.bar({ rnn: 0.31, lstm: 0.12, gru: 0.15 }, { yLabel: "loss" })),
  image: () => {
    const scenes = sg.data.shapeScenes({ count: 1, size: 16, seed: 0 });
    return display(viz.image(scenes.images.select(0, 0), { title: scenes.scenes[0].caption.join(" ") }));
  },
};

/** A token that would run script if a renderer injected it as HTML. */
const EVIL = "<img src=x onerror=window.__pwned=1>";

/**
 * Successive bundles of one live training-curves display: `steps` logged, then `more` further
 * steps (what the kernel sends as update_display_data).
 */
function curveBundles(steps, more = 0) {
  const run = viz.curves({ title: "training", total: steps + more + 20, live: false, stream: { write() {} } });
  for (let i = 1; i <= steps; i++) run.log(i, { loss: 3 / Math.sqrt(i) + 0.05 * Math.sin(i) });
  const first = display(run.figure());
  for (let i = steps + 1; i <= steps + more; i++) run.log(i, { loss: 3 / Math.sqrt(i) + 0.05 * Math.sin(i) });
  return [first, display(run.figure())];
}

/** Kinds the extension draws whose library function is not there (yet). */
const missing = ["curves", "attention", "gates", "spectrum", "line", "scatter", "heatmap", "bar"].filter((kind) => typeof viz[kind] !== "function");

function makeAll() {
  const out = {};
  for (const [name, make] of Object.entries(makers)) out[name] = make();
  return out;
}

module.exports = { makeAll, missing, viz, sg, curveBundles, EVIL };

if (require.main === module) {
  const all = makeAll();
  for (const [name, bundle] of Object.entries(all)) console.log(name, Object.keys(bundle).join(" "));
  console.log("missing:", missing.join(", "));
}
