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
    return display(viz.gradflow(viz.gradientFlow(loss, { model: "LSTM" })));
  },
};

/** Kinds the extension draws whose library function is not there (yet). */
const missing = ["curves", "attention", "gates", "spectrum", "plot"].filter((kind) => typeof viz[kind] !== "function");

function makeAll() {
  const out = {};
  for (const [name, make] of Object.entries(makers)) out[name] = make();
  return out;
}

module.exports = { makeAll, missing, viz, sg };

if (require.main === module) {
  const all = makeAll();
  for (const [name, bundle] of Object.entries(all)) console.log(name, Object.keys(bundle).join(" "));
  console.log("missing:", missing.join(", "));
}
