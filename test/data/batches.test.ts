import { describe, expect, it } from "vitest";
import { ShapeError, ValueError } from "../../src/errors";
import { checkLengths } from "../../src/data/seq2seq-batch";
import { EOS_ID, PAD_ID, SOS_ID, lmBatches, seq2seqBatch, seq2seqBatches, shuffled, splitDataset } from "../../src/data";

describe("seq2seq batches", () => {
  it("append <eos> to the source, shift the target and pad to the batch maximum", () => {
    const b = seq2seqBatch([
      { src: [10, 11, 12], tgt: [20] },
      { src: [13], tgt: [21, 22] },
    ]);
    expect(b.src.shape).toEqual([2, 4]);
    expect(b.src.toArray()).toEqual([[10, 11, 12, EOS_ID], [13, EOS_ID, PAD_ID, PAD_ID]]);
    expect(b.srcLengths).toEqual([4, 2]);
    expect(b.tgtIn.toArray()).toEqual([[SOS_ID, 20, PAD_ID], [SOS_ID, 21, 22]]);
    expect(b.tgtOut.toArray()).toEqual([[20, EOS_ID, PAD_ID], [21, 22, EOS_ID]]);
    expect(b.tgtLengths).toEqual([2, 3]);
    expect(b.src.dtype).toBe("int32");
  });

  it("cover every pair exactly once per epoch, shuffled and bucketed reproducibly", () => {
    const pairs = Array.from({ length: 50 }, (_, i) => ({ src: Array.from({ length: (i % 7) + 1 }, () => i), tgt: [i] }));
    const epoch = seq2seqBatches(pairs, { batchSize: 8, shuffle: 3, bucket: 4 });
    const seen = epoch.flatMap((b) => Array.from(b.tgtOut.data).filter((_, k) => k % 2 === 0)).sort((a, c) => a - c);
    expect(seen).toEqual(pairs.map((_, i) => i));
    const again = seq2seqBatches(pairs, { batchSize: 8, shuffle: 3, bucket: 4 });
    expect(again.map((b) => Array.from(b.src.data))).toEqual(epoch.map((b) => Array.from(b.src.data)));
  });

  it("reject lengths that do not match the batch, naming the argument and shapes", () => {
    expect(() => checkLengths("Seq2Seq.forward", "srcLengths", [3, 2], 3, 5)).toThrow(ShapeError);
    expect(() => checkLengths("Seq2Seq.forward", "srcLengths", [3, 2], 3, 5)).toThrow(/srcLengths must hold one length per batch row; expected \[3\], got \[2\]/);
    expect(() => checkLengths("Seq2Seq.forward", "srcLengths", [0], 1, 5)).toThrow(ValueError);
    expect(() => seq2seqBatch([])).toThrow(/pairs must not be empty/);
  });
});

describe("language-model batches", () => {
  it("cut the stream into B columns and chunks of k steps with targets shifted by one", () => {
    const ids = Array.from({ length: 21 }, (_, i) => i);
    const chunks = lmBatches(ids, { batchSize: 2, bptt: 4 });
    // 10 rows per column: column 0 is 0..9, column 1 is 10..19
    expect(chunks.map((c) => c.input.shape)).toEqual([[4, 2], [4, 2], [1, 2]]);
    expect(chunks[0]?.input.toArray()).toEqual([[0, 10], [1, 11], [2, 12], [3, 13]]);
    expect(chunks[0]?.target.toArray()).toEqual([[1, 11], [2, 12], [3, 13], [4, 14]]);
    expect(chunks[2]?.target.toArray()).toEqual([[9, 19]]);
  });
});

describe("splits and shuffles", () => {
  it("are seeded and partition the items", () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    expect(shuffled(items, 5)).toEqual(shuffled(items, 5));
    expect(shuffled(items, 5)).not.toEqual(items);
    const { train, valid, test } = splitDataset(items, { train: 0.7, valid: 0.2 }, 1);
    expect([train.length, valid.length, test.length]).toEqual([70, 20, 10]);
    expect([...train, ...valid, ...test].sort((a, b) => a - b)).toEqual(items);
  });
});
