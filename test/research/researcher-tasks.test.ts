// Six tasks a researcher tries in quick cells, written with the public package only (`seqgrad`, as a
// user imports it, after `npm run build`), with no hand-written workaround: a layer-normalized
// LSTM, a Transformer block against an LSTM, PCA of hidden states with the library's SVD, weight
// tying with gradient accumulation and a schedule written as a function, a six-run sweep, and an
// export to PyTorch's names. Sizes are small so the file runs in seconds.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { functional as F, Tensor, data, grad, io, linalg, manualSeed, nn, noGrad, optim, randn, stack, tensor, train, viz } from "seqgrad";

const corpus = data.loadTextCorpus({ level: "char", maxChars: 20_000 });
const V = corpus.vocab.size;
const batches = data.lmBatches(corpus.train, { batchSize: 8, bptt: 16 });
const batch = (i: number): data.LMBatch => batches[i % batches.length] as data.LMBatch;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const scratch = mkdtempSync(join(tmpdir(), "seqgrad-research-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Trains `forward` (ids [T, B] -> logits [T, B, V]) with Adam for `steps` batches; the losses. */
function fit(model: nn.Module, forward: (ids: Tensor) => Tensor, steps: number, lr = 1e-2): number[] {
  const opt = new optim.Adam(model.parameters(), { lr });
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    const b = batch(s);
    model.zeroGrad();
    const l = F.crossEntropy(forward(b.input), b.target);
    l.backward();
    optim.clipGradNorm(model.parameters(), 1);
    opt.step();
    losses.push(l.item());
  }
  return losses;
}

describe("task 1: a layer-normalized LSTM beside the plain one, in a model written by hand", () => {
  class CellLM extends nn.Module {
    embedding = new nn.Embedding(V, 24);
    head = new nn.Linear(24, V);
    cell: nn.LSTMCell | nn.LayerNormLSTMCell;
    constructor(layerNorm: boolean) {
      super();
      this.cell = layerNorm ? new nn.LayerNormLSTMCell({ inputSize: 24, hiddenSize: 24 }) : new nn.LSTMCell({ inputSize: 24, hiddenSize: 24 });
    }
    forward(ids: Tensor): Tensor {
      const xs = this.embedding.forward(ids);
      let state: { h: Tensor; c: Tensor } | undefined;
      const logits: Tensor[] = [];
      for (let t = 0; t < (ids.shape[0] ?? 0); t++) {
        state = this.cell.forward(xs.select(0, t), state);
        logits.push(this.head.forward(state.h));
      }
      return stack(logits);
    }
  }

  it("trains both cells in the same model, and shows the layer-normalized cell's gates through a forward hook", () => {
    const runs = [false, true].map((layerNorm) => {
      manualSeed(1);
      const model = new CellLM(layerNorm);
      return { model, losses: fit(model, (ids) => model.forward(ids), 12) };
    });
    for (const { losses } of runs) expect(mean(losses.slice(-3))).toBeLessThan(losses[0] as number);
    // the same initial embedding and head for both (made before the cell), so only the cell differs
    const [plain, normed] = runs.map((r) => r.model) as [CellLM, CellLM];
    expect(normed.namedParameters().map(([n]) => n)).toEqual([
      "embedding.weight", "head.weight", "head.bias", "cell.weight_ih", "cell.weight_hh",
      "cell.ln_ih.weight", "cell.ln_ih.bias", "cell.ln_hh.weight", "cell.ln_hh.bias", "cell.ln_c.weight", "cell.ln_c.bias",
    ]);
    expect(plain.cell).toBeInstanceOf(nn.LSTMCell);
    const trace = nn.traceSteps(normed.cell, { name: "ln-lstm" });
    const logits = normed.forward(batch(0).input.narrow(1, 0, 1));
    trace.remove();
    expect(viz.hiddenStates(logits.sum()).map((s) => [s.module, s.steps.length])).toEqual([["ln-lstm", 16]]);
    expect(viz.gates(logits.sum()).toString()).toMatch(/^LSTM gates gate_i, gate_f, gate_o over 16 steps x 24 units/);
  });
});

describe("task 2: a Transformer block against an LSTM on the same next-character task", () => {
  const D = 16;
  const T = 16;
  class TinyTransformer extends nn.Module {
    embedding = new nn.Embedding(V, D);
    /** Learned positions [T, D]: a Parameter in a field is registered like a layer's. */
    position = nn.Parameter.from(randn([T, D]).mul(0.1));
    block = new nn.TransformerEncoderLayer({ dModel: D, nhead: 2, dimFeedforward: 32, dropout: 0 });
    head = new nn.Linear(D, V);
    forward(ids: Tensor): Tensor {
      const n = ids.shape[0] ?? 0;
      const x = this.embedding.forward(ids).add(this.position.narrow(0, 0, n).unsqueeze(1));
      return this.head.forward(this.block.forward(x, { srcMask: nn.causalMask(n) }));
    }
  }
  class LSTMLM extends nn.Module {
    embedding = new nn.Embedding(V, D);
    rnn = new nn.LSTM({ inputSize: D, hiddenSize: D });
    head = new nn.Linear(D, V);
    forward(ids: Tensor): Tensor {
      return this.head.forward(this.rnn.forward(this.embedding.forward(ids)).output);
    }
  }

  it("trains both, and the causal mask keeps every prediction blind to later characters", () => {
    manualSeed(2);
    const transformer = new TinyTransformer();
    const lstm = new LSTMLM();
    expect(transformer.namedParameters().map(([n]) => n)).toContain("position");
    const tLosses = fit(transformer, (ids) => transformer.forward(ids), 15);
    const lLosses = fit(lstm, (ids) => lstm.forward(ids), 15);
    expect(mean(tLosses.slice(-3))).toBeLessThan(tLosses[0] as number);
    expect(mean(lLosses.slice(-3))).toBeLessThan(lLosses[0] as number);
    // changing the last character changes no earlier prediction
    const ids = batch(3).input;
    const changed = ids.clone();
    changed.data[(T - 1) * 8] = ((ids.data[(T - 1) * 8] as number) + 1) % V;
    const [a, b] = noGrad(() => [transformer.forward(ids), transformer.forward(changed)]) as [Tensor, Tensor];
    expect(Array.from(b.narrow(0, 0, T - 1).data)).toEqual(Array.from(a.narrow(0, 0, T - 1).data));
    expect(Array.from(b.select(0, T - 1).data)).not.toEqual(Array.from(a.select(0, T - 1).data));
  });
});

describe("task 3: PCA of an RNNLM's hidden states with the library's SVD", () => {
  it("matches the eigendecomposition of the covariance and reconstructs the centered states", () => {
    manualSeed(3);
    const H = 16;
    const lm = new nn.RNNLM({ vocabSize: V, hiddenSize: H });
    fit(lm, (ids) => lm.forward(ids).logits, 5);
    const T = 200;
    const ids = tensor(Array.from(corpus.valid.subarray(0, T), (id) => [id]), { dtype: "int32" });
    const { hidden } = noGrad(() => lm.forward(ids, undefined, { returnStates: true }));
    expect(hidden?.shape).toEqual([1, T, 1, H]);
    const X = (hidden as Tensor).select(0, -1).reshape([T, H]).to("float64");
    const centered = X.sub(X.mean(0, true));
    const { U, S, Vh } = linalg.svd(centered, { fullMatrices: false });
    const back = U.mul(S).matmul(Vh);
    back.data.forEach((v, i) => expect(v).toBeCloseTo(centered.data[i] as number, 10));
    const { eigenvalues } = linalg.eigh(centered.T.matmul(centered).div(T - 1));
    const fromEigh = Array.from(eigenvalues.data).reverse();
    Array.from(S.pow(2).div(T - 1).data).forEach((v, k) => expect(v).toBeCloseTo(fromEigh[k] as number, 10));
    const explained = Array.from(S.pow(2).div(S.pow(2).sum()).data);
    expect(mean(explained) * H).toBeCloseTo(1, 12);
    const projected = centered.matmul(Vh.narrow(0, 0, 2).T);
    const figure = viz.scatter([{ name: "states", x: Array.from(projected.select(1, 0).data), y: Array.from(projected.select(1, 1).data) }], { title: "PC1 and PC2" });
    expect(figure.toString()).toMatch(/states \(200 points\)/);
  });
});

describe("task 4: weight tying, gradient accumulation and a schedule written as a function", () => {
  const makeLM = (): nn.RNNLM => new nn.RNNLM({ vocabSize: V, hiddenSize: 12, tieWeights: true, dtype: "float64" });
  const half = (b: data.LMBatch, k: number): data.LMBatch => ({ input: b.input.narrow(1, 4 * k, 4), target: b.target.narrow(1, 4 * k, 4) });

  it("accumulates two half batches into the gradient of the whole batch; the tied matrix gets both uses", () => {
    manualSeed(4);
    const lm = makeLM();
    const whole = batch(0);
    lm.zeroGrad();
    for (const k of [0, 1]) lm.loss(half(whole, k)).loss.div(2).backward();
    const accumulated = lm.parameters().map((p) => Array.from(p.grad?.data ?? []));
    lm.zeroGrad();
    lm.loss(whole).loss.backward();
    lm.parameters().forEach((p, i) => p.grad?.data.forEach((v, j) => expect(v).toBeCloseTo(accumulated[i]?.[j] as number, 12)));
    // tied: the one matrix's gradient is the sum of the embedding's and the head's in an untied copy
    const untied = new nn.RNNLM({ vocabSize: V, hiddenSize: 12, dtype: "float64" });
    untied.loadStateDict(lm.stateDict());
    untied.loss(whole).loss.backward();
    const sum = untied.embedding.weight.grad?.add(untied.head.weight.grad as Tensor) as Tensor;
    lm.embedding.weight.grad?.data.forEach((v, j) => expect(v).toBeCloseTo(sum.data[j] as number, 12));
  });

  it("follows a warmup-then-cosine LambdaLR, and a checkpoint with the scheduler resumes the run exactly", () => {
    const lrLambda = (t: number): number => (t < 3 ? (t + 1) / 3 : 0.5 * (1 + Math.cos((Math.PI * (t - 3)) / 10)));
    const make = (): { lm: nn.RNNLM; opt: optim.Adam; sched: optim.LambdaLR } => {
      const lm = makeLM();
      const opt = new optim.Adam(lm.parameters(), { lr: 1e-2 });
      return { lm, opt, sched: new optim.LambdaLR(opt, { lrLambda }) };
    };
    const step = (r: ReturnType<typeof make>, s: number): number => {
      const lr = r.opt.paramGroups[0]?.lr as number;
      r.lm.zeroGrad();
      for (const k of [0, 1]) r.lm.loss(half(batch(s), k)).loss.div(2).backward();
      r.opt.step();
      r.sched.step();
      return lr;
    };
    manualSeed(5);
    const a = make();
    const rates = [0, 1, 2, 3, 4].map((s) => step(a, s));
    rates.forEach((lr, t) => expect(lr).toBeCloseTo(1e-2 * lrLambda(t), 15));
    const path = join(scratch, "tied.safetensors");
    io.saveCheckpoint(path, { model: a.lm, optimizer: a.opt, scheduler: a.sched, step: 5 });
    const b = make();
    expect(io.loadCheckpoint(path, { model: b.lm, optimizer: b.opt, scheduler: b.sched }).step).toBe(5);
    expect(b.lm.head.weight).toBe(b.lm.embedding.weight);
    for (const s of [5, 6, 7]) expect(step(b, s)).toBe(step(a, s));
    expect(Array.from(b.lm.embedding.weight.data)).toEqual(Array.from(a.lm.embedding.weight.data));
  });
});

describe("task 5: a six-run sweep with a plain loop", () => {
  it("trains 2 cells x 3 learning rates with train(); each History displays as a compact summary", async () => {
    const runs: Array<{ cell: "lstm" | "gru"; lr: number; history: train.History; perplexity: number }> = [];
    for (const cell of ["lstm", "gru"] as const) {
      for (const lr of [3e-3, 1e-2, 3e-2]) {
        manualSeed(6);
        const model = new nn.RNNLM({ vocabSize: V, hiddenSize: 16, cell });
        const history = await train.train({ model, data: batches.slice(0, 6), optimizer: new optim.Adam(model.parameters(), { lr }), loss: (b) => model.loss(b), steps: 6 });
        runs.push({ cell, lr, history, perplexity: model.perplexity(corpus.valid.subarray(0, 400)) });
      }
    }
    expect(runs.map((r) => [r.history.step, r.history.stopped])).toEqual(Array(6).fill([6, "completed"]));
    for (const r of runs) {
      expect(String(r.history)).toMatch(/^Training: 6 steps in [\d.]+ s \(completed\)\n {2}train_loss +final/);
      expect(Number.isFinite(r.perplexity)).toBe(true);
    }
    // the whole sweep prints in a few lines per run, never a dump of every step
    expect(inspect(runs, { depth: 4 }).length).toBeLessThan(6 * 700);
    const best = runs.reduce((p, r) => (r.perplexity < p.perplexity ? r : p));
    expect(best.perplexity).toBeLessThan(V);
  }, 120_000);
});

describe("task 6: export to PyTorch", () => {
  it("writes a safetensors file under PyTorch's names that loads back exactly", () => {
    manualSeed(7);
    const lm = new nn.RNNLM({ vocabSize: V, hiddenSize: 8, numLayers: 2 });
    const path = join(scratch, "lm.safetensors");
    io.saveSafetensors(path, lm.stateDict());
    const saved = io.loadSafetensors(path);
    const layer = (k: number): string[] => ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map((s) => `rnn.${s}_l${k}`);
    expect(Object.keys(saved).sort()).toEqual(["embedding.weight", ...layer(0), ...layer(1), "head.weight", "head.bias"].sort());
    expect(saved["rnn.weight_hh_l1"]?.shape).toEqual([32, 8]);
    const copy = new nn.RNNLM({ vocabSize: V, hiddenSize: 8, numLayers: 2 });
    copy.loadStateDict(saved);
    const ids = batch(0).input;
    expect(Array.from(noGrad(() => copy.forward(ids).logits).data)).toEqual(Array.from(noGrad(() => lm.forward(ids).logits).data));
  });

  it("names a TransformerEncoderLayer's parameters exactly as PyTorch's state dict does", () => {
    const fixture = JSON.parse(readFileSync(resolve(__dirname, "..", "fixtures", "torch", "research_nn.json"), "utf8")) as { cases: Array<{ kind: string; state: Record<string, unknown> }> };
    const torchKeys = Object.keys(fixture.cases.find((c) => c.kind === "encoder")?.state ?? {});
    expect(torchKeys.length).toBeGreaterThan(0);
    const layer = new nn.TransformerEncoderLayer({ dModel: 8, nhead: 2, dimFeedforward: 16 });
    expect(Object.keys(layer.stateDict())).toEqual(torchKeys);
  });
});

describe("saliency through grad, as a researcher asks of a model", () => {
  it("gives d log p / d x_s for every input step without touching any .grad", () => {
    manualSeed(8);
    const lm = new nn.RNNLM({ vocabSize: V, hiddenSize: 8 });
    const ids = batch(0).input.narrow(1, 0, 1);
    const x = lm.embedding.forward(ids).detach().requiresGrad_();
    const logp = lm.head.forward(lm.rnn.forward(x).output.select(0, -1)).logSoftmax(-1);
    const [dx] = grad(logp.select(1, 0).sum(), [x]);
    expect(dx?.shape).toEqual([16, 1, 8]);
    expect(lm.parameters().every((p) => p.grad === null)).toBe(true);
  });
});
