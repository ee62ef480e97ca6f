import { describe, expect, it } from "vitest";
import "../../src/backend";
import { seq2seqBatch, symbolTask, seq2seqBatches } from "../../src/data";
import { beamSearch, greedyDecode, sampleToken, translate } from "../../src/generate";
import { Seq2Seq } from "../../src/models/seq2seq";
import { Adam } from "../../src/optim";
import { Generator, manualSeed } from "../../src/tensor";
import { train } from "../../src/train";
import { ValueError } from "../../src/errors";

const task = symbolTask("reverse", { count: 600, minLength: 2, maxLength: 6, symbols: 6, seed: 3 });
const sources = seq2seqBatch(task.ids.test.slice(0, 24));

function untrained(attention: "additive" | "none", seed: number): Seq2Seq {
  manualSeed(seed);
  return new Seq2Seq({ srcVocabSize: task.srcVocab.size, tgtVocabSize: task.tgtVocab.size, hiddenSize: 12, embeddingDim: 8, attention });
}

describe("greedy decoding and beam search", () => {
  it("beam search with beam 1 equals greedy decoding, tokens, scores and attention", () => {
    for (const [attention, seed] of [["additive", 1], ["none", 2], ["additive", 3]] as const) {
      const model = untrained(attention, seed);
      const greedy = greedyDecode(model, sources.src, sources.srcLengths, { maxLength: 8 });
      const beams = beamSearch(model, sources.src, sources.srcLengths, { beamSize: 1, maxLength: 8 });
      greedy.forEach((g, i) => {
        const b = beams[i]?.[0];
        expect(b?.tokens).toEqual(g.tokens);
        expect(b?.logProb).toBeCloseTo(g.logProb, 5);
        expect(b?.attention.length).toBe(g.attention.length);
      });
    }
  });

  it("a larger beam never returns a lower-scoring best hypothesis", () => {
    for (const seed of [4, 5, 6]) {
      const model = untrained("additive", seed);
      let previous: number[] | null = null;
      for (const beamSize of [1, 2, 3, 5, 8]) {
        const best = beamSearch(model, sources.src, sources.srcLengths, { beamSize, maxLength: 8 }).map((r) => r[0]?.score ?? -Infinity);
        // float32 scores of the same hypothesis reached in different beam batches differ by rounding (~1e-7)
        if (previous !== null) best.forEach((s, i) => expect(s).toBeGreaterThanOrEqual((previous?.[i] ?? Infinity) - 1e-5));
        previous = best;
      }
    }
  });

  it("ranks hypotheses best first, with attention rows cut to the source length and a length penalty", () => {
    const model = untrained("additive", 7);
    const [ranked] = beamSearch(model, sources.src, sources.srcLengths.slice(0, 24), { beamSize: 4, maxLength: 6, lengthPenalty: 1 });
    const scores = (ranked ?? []).map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const h of ranked ?? []) {
      expect(h.score).toBeCloseTo(h.logProb / ((5 + h.tokens.length) / 6), 10);
      for (const row of h.attention) expect(row.length).toBe(sources.srcLengths[0]);
    }
    expect(() => beamSearch(model, sources.src, sources.srcLengths, { beamSize: 0 })).toThrow(/beamSearch: beamSize must be a positive integer; got 0/);
  });

  it("learn to reverse sequences, and beam search finds them", async () => {
    manualSeed(0);
    const model = new Seq2Seq({ srcVocabSize: task.srcVocab.size, tgtVocabSize: task.tgtVocab.size, hiddenSize: 32, embeddingDim: 16, attention: "dot" });
    await train({ model, data: (e) => seq2seqBatches(task.ids.train, { batchSize: 32, shuffle: e }), optimizer: new Adam(model.parameters(), { lr: 0.01 }), loss: (b) => model.loss(b), epochs: 8 });
    const beams = beamSearch(model, sources.src, sources.srcLengths, { beamSize: 3, maxLength: 8 });
    let hit = 0;
    beams.forEach((r, i) => {
      const ref = [...[...(task.ids.test[i]?.src ?? [])].reverse(), 2];
      if (JSON.stringify(r[0]?.tokens) === JSON.stringify(ref)) hit++;
    });
    expect(hit / beams.length).toBeGreaterThanOrEqual(0.75);
    const t = translate(model, "1 2 3 4", { srcVocab: task.srcVocab, tgtVocab: task.tgtVocab, tokenize: task.tokenizeSource, beamSize: 2 });
    expect(t.tokens).toEqual(["4", "3", "2", "1"]);
    expect(t.text).toBe("4 3 2 1");
    expect(t.source).toEqual(["1", "2", "3", "4", "<eos>"]);
    expect(t.weights.shape).toEqual([5, 5]);
    // reversing: the first output token attends most to the last source symbol
    const row0 = Array.from(t.weights.data.subarray(0, 5));
    expect(row0.indexOf(Math.max(...row0))).toBe(3);
  }, 60_000);
});

describe("sampling", () => {
  const logits = [2, 1, 0, -1];
  it("is greedy at temperature 0 and follows the softmax at temperature 1", () => {
    const gen = new Generator(0);
    expect(sampleToken(logits, { temperature: 0 }, gen)).toBe(0);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 20000; i++) {
      const k = sampleToken(logits, {}, gen);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    const z = logits.reduce((s, x) => s + Math.exp(x), 0);
    counts.forEach((c, i) => expect(c / 20000).toBeCloseTo(Math.exp(logits[i] as number) / z, 1));
  });

  it("restricts to the top k tokens and to the nucleus of probability p", () => {
    const gen = new Generator(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(sampleToken(logits, { topK: 2 }, gen));
    expect([...seen].sort()).toEqual([0, 1]);
    seen.clear();
    // p = (0.644, 0.237, 0.087, 0.032): the nucleus of 0.7 is the first two tokens
    for (let i = 0; i < 2000; i++) seen.add(sampleToken(logits, { topP: 0.7 }, gen));
    expect([...seen].sort()).toEqual([0, 1]);
    expect(() => greedyDecode(untrained("none", 1), sources.src, sources.srcLengths, { maxLength: 0 })).toThrow(ValueError);
  });
});
