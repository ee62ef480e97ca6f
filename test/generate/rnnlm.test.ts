import { describe, expect, it } from "vitest";
import "../../src/backend";
import { lmBatches, loadTextCorpus } from "../../src/data";
import { RNNLM } from "../../src/models/rnnlm";
import { Adam } from "../../src/optim";
import { manualSeed } from "../../src/tensor";
import { train } from "../../src/train";
import { IndexError, ValueError } from "../../src/errors";
import { RecurrentState } from "../../src/models/seq2seq";

describe("RNNLM on tiny Shakespeare", () => {
  const corpus = loadTextCorpus({ level: "char", maxChars: 40000 });

  it("trains with truncated BPTT, lowers validation perplexity and writes seeded text", async () => {
    manualSeed(0);
    const model = new RNNLM({ vocabSize: corpus.vocab.size, embeddingDim: 16, hiddenSize: 64, cell: "lstm", vocab: corpus.vocab });
    const before = model.perplexity(corpus.valid);
    const history = await train<ReturnType<typeof lmBatches>[number], RecurrentState>({
      model,
      data: () => lmBatches(corpus.train, { batchSize: 16, bptt: 32 }),
      optimizer: new Adam(model.parameters(), { lr: 0.01 }),
      loss: (b, ctx) => model.loss(b, ctx.state),
      tbptt: true,
      steps: 60,
      clip: 5,
    });
    const after = model.perplexity(corpus.valid);
    expect(before).toBeGreaterThan(40);
    expect(after).toBeLessThan(before / 2);
    expect(history.steps[59]?.metrics.perplexity).toBeLessThan(history.steps[0]?.metrics.perplexity ?? 0);
    const a = model.generate({ prefix: "ROMEO:", length: 40, temperature: 0.8, seed: 1 });
    const b = model.generate({ prefix: "ROMEO:", length: 40, temperature: 0.8, seed: 1 });
    expect(a.text).toBe(b.text);
    expect(a.text?.startsWith("ROMEO:")).toBe(true);
    expect(a.ids.length).toBe(46);
    const greedy = model.generate({ prefix: "ROMEO:", length: 40, temperature: 0, seed: 2 });
    expect(model.generate({ prefix: "ROMEO:", length: 40, temperature: 0, seed: 3 }).text).toBe(greedy.text);
    const hot = model.generate({ prefix: "ROMEO:", length: 40, temperature: 2, topP: 0.95, seed: 1 });
    expect(hot.text).not.toBe(a.text);
  }, 60_000);

  it("rejects bad prefixes and options with named errors", () => {
    const model = new RNNLM({ vocabSize: corpus.vocab.size, hiddenSize: 8, vocab: corpus.vocab });
    expect(() => model.generate({ prefix: [500] })).toThrow(IndexError);
    expect(() => model.generate({ prefix: "" })).toThrow(/prefix must hold at least one token/);
    expect(() => model.generate({ temperature: -1 })).toThrow(ValueError);
    expect(() => new RNNLM({ vocabSize: 3, hiddenSize: 8, vocab: corpus.vocab })).toThrow(new RegExp(`vocab must have vocabSize entries; expected 3, got ${corpus.vocab.size}`));
  });
});
