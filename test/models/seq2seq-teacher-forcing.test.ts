import { describe, expect, it } from "vitest";
import "../../src/backend";
import { manualSeed } from "../../src/tensor";
import { Generator } from "../../src/tensor/random";
import { seq2seqBatch } from "../../src/data";
import { Seq2Seq } from "../../src/models/seq2seq";
import { Adam } from "../../src/optim";

/** 24 reversal pairs over symbols 4..9 (ids 0..3 are the specials), lengths 2 to 5. */
function reversalBatch(): ReturnType<typeof seq2seqBatch> {
  const gen = new Generator(3);
  const pairs = Array.from({ length: 24 }, () => {
    const src = Array.from({ length: gen.integer(2, 6) }, () => gen.integer(4, 10));
    return { src, tgt: [...src].reverse() };
  });
  return seq2seqBatch(pairs);
}

describe("Seq2Seq training with teacher forcing and free running", () => {
  for (const ratio of [1, 0]) {
    it(`lowers the loss to under half its start with teacher-forcing ratio ${ratio}`, () => {
      manualSeed(5);
      const batch = reversalBatch();
      const model = new Seq2Seq({ srcVocabSize: 10, tgtVocabSize: 10, hiddenSize: 32, embeddingDim: 8, cell: "gru", attention: "dot" });
      const opt = new Adam(model.parameters(), { lr: 0.02 });
      const losses: number[] = [];
      for (let step = 0; step < 80; step++) {
        const { loss } = model.loss(batch, { teacherForcingRatio: ratio });
        opt.zeroGrad();
        loss.backward();
        opt.step();
        losses.push(loss.item());
      }
      const first = losses[0] ?? 0;
      const last = losses[losses.length - 1] ?? Infinity;
      expect(last).toBeLessThan(0.5 * first);
    }, 60_000);
  }
});
