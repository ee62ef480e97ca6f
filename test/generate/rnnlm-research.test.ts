import { describe, expect, it } from "vitest";
import { Tensor, grad, manualSeed, nn, optim, randint, tensor } from "../../src";

const ids = (T: number, B: number): Tensor => randint(0, 7, [T, B], { dtype: "int32" });

describe("RNNLM for analysis", () => {
  it("returns every layer's h_t and c_t when asked; the top layer's h_t feeds the head", () => {
    manualSeed(1);
    const lm = new nn.RNNLM({ vocabSize: 7, hiddenSize: 5, numLayers: 2, dtype: "float64" }).eval();
    const x = ids(4, 3);
    const plain = lm.forward(x);
    const out = lm.forward(x, undefined, { returnStates: true });
    expect(out.hidden?.shape).toEqual([2, 4, 3, 5]);
    expect(out.cell?.shape).toEqual([2, 4, 3, 5]);
    out.logits.data.forEach((v, i) => expect(v).toBeCloseTo(plain.logits.data[i] as number, 12));
    // the last step's states are the final state
    const last = out.hidden?.select(1, 3);
    last?.data.forEach((v, i) => expect(v).toBeCloseTo(plain.state.h.data[i] as number, 12));
    const gru = new nn.RNNLM({ vocabSize: 7, hiddenSize: 5, cell: "gru" }).forward(x, undefined, { returnStates: true });
    expect(gru.cell).toBeUndefined();
  });

  it("gives the saliency of every input step through grad of a hidden state", () => {
    const lm = new nn.RNNLM({ vocabSize: 7, hiddenSize: 4, cell: "rnn", dtype: "float64" });
    const x = ids(5, 1);
    const emb = lm.embedding.forward(x);
    const { output } = lm.rnn.forward(emb);
    const [dEmb] = grad(output.select(0, 4).sum(), [emb]);
    expect(dEmb?.shape).toEqual([5, 1, 4]);
    // the last step's state depends on every earlier step
    for (let t = 0; t < 5; t++) expect(dEmb?.select(0, t).norm().item()).toBeGreaterThan(0);
  });

  it("runs its inner layer time-major, as the model: lm.rnn reads the embeddings of ids [T, B] with no transposes", () => {
    const lm = new nn.RNNLM({ vocabSize: 7, hiddenSize: 4, dtype: "float64" }).eval();
    expect(lm.rnn.batchFirst).toBe(false);
    const x = ids(6, 2);
    const byHand = lm.head.forward(lm.rnn.forward(lm.embedding.forward(x)).output);
    expect(Array.from(byHand.data)).toEqual(Array.from(lm.forward(x).logits.data));
    expect(() => lm.forward(tensor([1, 2], { dtype: "int32" }))).toThrow(/^RNNLM.forward: ids must be \[T, B\]; got \[2\]/);
  });

  it("ties its embedding and head with tieWeights: one parameter, trained by both uses", () => {
    const lm = new nn.RNNLM({ vocabSize: 7, hiddenSize: 4, tieWeights: true });
    expect(lm.head.weight).toBe(lm.embedding.weight);
    expect(lm.parameters().filter((p) => p === lm.embedding.weight)).toHaveLength(1);
    expect(Object.keys(lm.stateDict())).toContain("head.weight");
    const untied = new nn.RNNLM({ vocabSize: 7, hiddenSize: 4 });
    expect(lm.numParameters()).toBe(untied.numParameters() - 7 * 4);
    const opt = new optim.SGD(lm.parameters(), { lr: 0.1 });
    const before = lm.embedding.weight.data.slice();
    lm.loss({ input: ids(3, 2), target: ids(3, 2) }).loss.backward();
    opt.step();
    expect(Array.from(lm.head.weight.data)).not.toEqual(Array.from(before));
    expect(() => new nn.RNNLM({ vocabSize: 7, hiddenSize: 4, embeddingDim: 3, tieWeights: true })).toThrow(/^RNNLM: tieWeights needs embeddingDim = hiddenSize/);
  });
});
