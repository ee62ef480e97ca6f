import { describe, expect, it } from "vitest";
import "../../src/backend";
import { gradcheck } from "../../src/autograd";
import { crossEntropy } from "../../src/functional";
import { greedyFrom } from "../../src/generate";
import { TreeRNN, parseTree } from "../../src/models/tree-rnn";
import { Vec2Seq } from "../../src/models/vec2seq";
import { Adam } from "../../src/optim";
import { Tensor, manualSeed, randn, tensor } from "../../src/tensor";
import { ValueError } from "../../src/errors";
import { padRows } from "../../src/data";

describe("TreeRNN (recursive network over binary trees)", () => {
  const ids: Record<string, number> = { a: 0, b: 1, c: 2, d: 3 };
  const lookup = (w: string): number => ids[w] ?? -1;

  it("parses bracketed trees and composes children bottom-up", () => {
    const tree = parseTree("((a b) (c d))", lookup);
    expect(tree).toEqual({ left: { left: { token: 0 }, right: { token: 1 } }, right: { left: { token: 2 }, right: { token: 3 } } });
    manualSeed(1);
    const m = new TreeRNN({ vocabSize: 4, hiddenSize: 3, numClasses: 2 });
    expect(m.encode(tree).length).toBe(7);
    const { roots, logits } = m.forward([tree, parseTree("(a (b c))", lookup)]);
    expect(roots.shape).toEqual([2, 3]);
    expect(logits?.shape).toEqual([2, 2]);
    expect(() => parseTree("(a b c)", lookup)).toThrow(/a node needs exactly two children/);
    expect(() => m.forward([{ token: 9 }])).toThrow(ValueError);
  });

  it("passes gradcheck through the structure and learns to classify trees", () => {
    manualSeed(2);
    const m = new TreeRNN({ vocabSize: 4, hiddenSize: 3, numClasses: 2, dtype: "float64" });
    const trees = [parseTree("((a b) c)", lookup), parseTree("(d (c a))", lookup)];
    for (const p of m.parameters()) {
      expect(gradcheck(() => m.forward(trees).logits ?? tensor([0]), [p]).ok).toBe(true);
    }
    const labels = [1, 0];
    const opt = new Adam(m.parameters(), { lr: 0.05 });
    for (let i = 0; i < 60; i++) {
      opt.zeroGrad();
      crossEntropy(m.forward(trees).logits ?? tensor([0]), labels).backward();
      opt.step();
    }
    const logits = m.forward(trees).logits ?? tensor([0]);
    expect((logits.data[1] as number) > (logits.data[0] as number)).toBe(true);
    expect((logits.data[2] as number) > (logits.data[3] as number)).toBe(true);
  });
});

describe("Vec2Seq (a decoder conditioned on a vector)", () => {
  for (const conditioning of ["init", "input", "both"] as const) {
    it(`learns to write the sequence a feature vector names (${conditioning})`, () => {
      manualSeed(3);
      // feature k (one-hot of 3) -> tokens [4+k, 5+k, 6+k], then <eos>
      const features = tensor([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
      const seqs = [0, 1, 2].map((k) => [4 + k, 5 + k, 6 + k]);
      const tgtIn = padRows(seqs.map((s) => [1, ...s]));
      const tgtOut = padRows(seqs.map((s) => [...s, 2]));
      const m = new Vec2Seq({ featureSize: 3, vocabSize: 10, hiddenSize: 16, embeddingDim: 8, conditioning, cell: conditioning === "both" ? "lstm" : "gru" });
      expect(m.forward(features, tgtIn).shape).toEqual([3, 4, 10]);
      const opt = new Adam(m.parameters(), { lr: 0.05 });
      for (let i = 0; i < 80; i++) {
        opt.zeroGrad();
        m.loss(features, tgtIn, tgtOut).backward();
        opt.step();
      }
      const out = greedyFrom(m.decoding(features), { maxLength: 6 });
      expect(out.map((h) => h.tokens)).toEqual(seqs.map((s) => [...s, 2]));
    });
  }

  it("checks the feature shape", () => {
    const m = new Vec2Seq({ featureSize: 3, vocabSize: 10, hiddenSize: 4 });
    expect(() => m.forward(randn([2, 4]), padRows([[1], [1]]))).toThrow(/Vec2Seq.forward: features must be \[B, 3\]; got \[2, 4\]/);
    expect(m.forward(randn([2, 3]), padRows([[1], [1]])) instanceof Tensor).toBe(true);
  });
});
