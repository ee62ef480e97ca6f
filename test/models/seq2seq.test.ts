import { describe, expect, it } from "vitest";
import "../../src/backend";
import { DTypeError, IndexError, ShapeError, ValueError } from "../../src/errors";
import { Tensor, manualSeed, tensor } from "../../src/tensor";
import { Generator } from "../../src/tensor/random";
import { seq2seqBatch } from "../../src/data";
import { Seq2Seq, Seq2SeqOptions } from "../../src/models/seq2seq";

const batch = seq2seqBatch([
  { src: [4, 5, 6, 7], tgt: [4, 5] },
  { src: [8, 4], tgt: [6, 7, 8] },
  { src: [5], tgt: [9] },
]);

function model(o: Partial<Seq2SeqOptions> = {}): Seq2Seq {
  manualSeed(7);
  return new Seq2Seq({ srcVocabSize: 10, tgtVocabSize: 11, hiddenSize: 6, embeddingDim: 5, ...o });
}

/** A generator whose uniform draws are always 0 (every coin flip says "teacher-force"). */
class NeverAbove extends Generator {
  override uniform(): number {
    return 0;
  }
}

function maxDiff(a: Tensor, b: Tensor): number {
  let m = 0;
  a.data.forEach((x, i) => (m = Math.max(m, Math.abs(x - (b.data[i] as number)))));
  return m;
}

describe("Seq2Seq", () => {
  for (const cell of ["rnn", "lstm", "gru"] as const) {
    for (const attention of ["none", "dot", "general", "additive", "scaled"] as const) {
      it(`returns logits [B, T, V] and attention [B, T, S] (${cell}, ${attention})`, () => {
        const m = model({ cell, attention });
        const { logits, attention: w } = m.forward(batch.src, batch.srcLengths, batch.tgtIn);
        expect(logits.shape).toEqual([3, 4, 11]);
        if (attention === "none") expect(w).toBeNull();
        else {
          expect(w?.shape).toEqual([3, 4, 5]);
          // row 2 has source length 2: padded positions get exactly zero weight
          for (let t = 0; t < 4; t++) for (const i of [2, 3, 4]) expect(w?.data[(2 * 4 + t) * 5 + i]).toBe(0);
        }
      });
    }
  }

  it("gives the same logits teacher-forced in one pass and step by step", () => {
    for (const o of [{ attention: "additive" as const }, { attention: "none" as const }, { attention: "general" as const, bidirectional: true, cell: "lstm" as const }]) {
      const m = model(o);
      const fast = m.forward(batch.src, batch.srcLengths, batch.tgtIn);
      // a ratio just below 1 with a generator that never draws above it forces the step loop
      const slow = m.forward(batch.src, batch.srcLengths, batch.tgtIn, { teacherForcingRatio: 0.999999, generator: new NeverAbove() });
      expect(maxDiff(fast.logits, slow.logits)).toBeLessThan(1e-5);
    }
  });

  it("feeds its own predictions when the teacher-forcing ratio is 0, and trains with input feeding", () => {
    const m = model({ inputFeeding: true, bidirectional: true });
    const tf = m.forward(batch.src, batch.srcLengths, batch.tgtIn, { teacherForcingRatio: 1 });
    const free = m.forward(batch.src, batch.srcLengths, batch.tgtIn, { teacherForcingRatio: 0 });
    expect(free.logits.shape).toEqual(tf.logits.shape);
    expect(maxDiff(tf.logits.narrow(1, 0, 1), free.logits.narrow(1, 0, 1))).toBe(0);
    const { loss } = m.loss(batch, { teacherForcingRatio: 0 });
    loss.backward();
    const named = m.namedParameters();
    for (const [name, p] of named) {
      expect(p.grad, name).not.toBeNull();
    }
    expect(named.map(([n]) => n)).toContain("encoder.bridgeH.weight");
    expect(named.map(([n]) => n)).toContain("decoder.attention.queryProj.weight");
  });

  it("names the argument and the shapes on bad input", () => {
    const m = model();
    const tgt = batch.tgtIn;
    expect(() => m.forward(tensor([[4, 12]], { dtype: "int32" }), [2], tgt.narrow(0, 0, 1))).toThrow(IndexError);
    expect(() => m.forward(tensor([[4, 12]], { dtype: "int32" }), [2], tgt.narrow(0, 0, 1))).toThrow(/Seq2Seq.forward: src holds id 12 at flat index 1 of \[1, 2\]; expected ids in \[0, 9\]/);
    expect(() => m.forward(batch.src, [5, 2], tgt)).toThrow(ShapeError);
    expect(() => m.forward(batch.src, [5, 2], tgt)).toThrow(/srcLengths must hold one length per batch row; expected \[3\], got \[2\]/);
    expect(() => m.forward(batch.src, batch.srcLengths, tgt.narrow(0, 0, 2))).toThrow(/tgtIn must have the batch size of src; expected \[3, T\], got \[2, 4\]/);
    expect(() => m.forward(batch.src, [5, 0, 2], tgt)).toThrow(/srcLengths\[1\] must be an integer in \[1, 5\] \(empty sequences are not allowed\); got 0/);
    expect(() => m.forward(new Tensor(new Int32Array(0), [3, 0]), [1, 1, 1], tgt)).toThrow(/src must not be empty/);
    expect(() => m.forward(tensor([[1, 2]]), [2], tgt)).toThrow(DTypeError);
    expect(() => new Seq2Seq({ srcVocabSize: 5, tgtVocabSize: 5, hiddenSize: 4, attention: "none", inputFeeding: true })).toThrow(ValueError);
    expect(() => new Seq2Seq({ srcVocabSize: 5, tgtVocabSize: 5, hiddenSize: 4, attention: "dot", bidirectional: true })).toThrow(/dot attention needs encoder outputs of the decoder's size; expected 4, got 8/);
  });
});
