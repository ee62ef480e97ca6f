import { describe, expect, it } from "vitest";
import { data, functional as F, manualSeed, nn, optim, train, Tensor } from "../../src";

/**
 * The learning check of the recurrent issue: a small seeded LSTM language model on a slice of tiny
 * Shakespeare, trained with truncated BPTT (state carried across chunks with detach), clipping and
 * Adam, brings its loss well below the uniform ln(V) within a few hundred steps.
 */
class CharLM extends nn.Module {
  emb: nn.Embedding;
  lstm: nn.LSTM;
  head: nn.Linear;
  constructor(vocab: number, hidden: number) {
    super();
    this.emb = new nn.Embedding(vocab, 16);
    this.lstm = new nn.LSTM({ inputSize: 16, hiddenSize: hidden });
    this.head = new nn.Linear(hidden, vocab);
  }
  forward(x: Tensor, state?: { h: Tensor; c: Tensor }): { logits: Tensor; state: { h: Tensor; c: Tensor } } {
    const { output, h, c } = this.lstm.forward(this.emb.forward(x), state);
    return { logits: this.head.forward(output), state: { h, c } };
  }
}

describe("a character LSTM language model on tiny Shakespeare", () => {
  it("lowers its loss well below the uniform ln(V) within a few hundred steps", () => {
    manualSeed(0);
    const corpus = data.loadTextCorpus({ level: "char", maxChars: 60_000 });
    const V = corpus.vocab.size;
    const source = train.batchify(corpus.train, 16); // [T, 16]
    const model = new CharLM(V, 64);
    const opt = new optim.Adam(model.parameters(), { lr: 1e-2 });
    let state: { h: Tensor; c: Tensor } | undefined;
    const losses: number[] = [];
    const steps = 200;
    let i = 0;
    for (let step = 0; step < steps; step++) {
      if (i > (source.shape[0] ?? 0) - 2 - 32) {
        i = 0;
        state = undefined;
      }
      const { input, target } = train.getChunk(source, i, 32);
      i += 32;
      const out = model.forward(input, state);
      state = train.detachState(out.state);
      const loss = F.crossEntropy(out.logits, target);
      opt.zeroGrad();
      loss.backward();
      optim.clipGradNorm(model.parameters(), 1);
      opt.step();
      losses.push(loss.item());
    }
    const uniform = Math.log(V);
    const last = losses.slice(-20).reduce((a, b) => a + b, 0) / 20;
    console.log(`ln(V) = ${uniform.toFixed(3)}, first loss ${losses[0]?.toFixed(3)}, mean of last 20 ${last.toFixed(3)}`);
    expect(losses[0]).toBeGreaterThan(0.9 * uniform);
    expect(last).toBeLessThan(0.62 * uniform);
  }, 120_000);
});
