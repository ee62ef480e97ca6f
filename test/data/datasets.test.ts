import { describe, expect, it } from "vitest";
import { addingProblem, dateTask, formatDate, loadSentencePairs, loadTextCorpus, symbolTask } from "../../src/data";

describe("vendored corpora", () => {
  it("load tiny Shakespeare at character level with its 65 characters", () => {
    const corpus = loadTextCorpus({ level: "char", train: 1, valid: 0 });
    expect(corpus.vocab.size).toBe(65 + 4);
    expect(corpus.ids.length).toBe(1115394);
    expect(corpus.decode(corpus.ids.subarray(0, 14))).toBe("First Citizen:");
    expect(corpus.encode("First")).toEqual(Array.from(corpus.ids.subarray(0, 5)));
  });

  it("load the English-French pairs, tokenized, with attribution kept", () => {
    const fr = loadSentencePairs({ maxLength: 10 });
    const all = [...fr.train, ...fr.valid, ...fr.test];
    expect(all.length).toBeGreaterThan(4000);
    const cold = all.find((p) => p.srcText === "I am cold.");
    expect(cold?.src).toEqual(["i", "am", "cold", "."]);
    expect(cold?.attribution).toMatch(/tatoeba\.org #\d+/);
    expect(fr.ids.train.length).toBe(fr.train.length);
  });
});

describe("synthetic tasks", () => {
  it("make copy, reverse and sort pairs deterministically from a seed", () => {
    const rev = symbolTask("reverse", { count: 100, seed: 4 });
    const p = rev.train[0];
    expect(p?.tgt).toEqual([...(p?.src ?? [])].reverse());
    expect(symbolTask("reverse", { count: 100, seed: 4 }).train).toEqual(rev.train);
    const sorted = symbolTask("sort", { count: 20, seed: 1 }).train[0]?.tgt.map(Number) ?? [];
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));
  });

  it("make the adding problem with one marker in each half and the sum as target", () => {
    const { x, y } = addingProblem({ count: 8, length: 10, seed: 2 });
    expect(x.shape).toEqual([10, 8, 2]);
    for (let n = 0; n < 8; n++) {
      let sum = 0;
      const marks: number[] = [];
      for (let t = 0; t < 10; t++) {
        if (x.data[(t * 8 + n) * 2 + 1] === 1) {
          marks.push(t);
          sum += x.data[(t * 8 + n) * 2] as number;
        }
      }
      expect(marks.length).toBe(2);
      expect(marks[0]).toBeLessThan(5);
      expect(marks[1]).toBeGreaterThanOrEqual(5);
      expect(y.data[n]).toBeCloseTo(sum, 5);
    }
  });

  it("write dates in human formats with ISO targets and true alignments", () => {
    const d = formatDate(2020, 3, 3, "full");
    expect(d.srcText).toBe("Tuesday, March 3, 2020");
    expect(d.tgtText).toBe("2020-03-03");
    expect(d.alignment[0]).toEqual([18]);
    expect(d.src[18]).toBe("2");
    expect(d.alignment[5]?.map((i) => d.src[i]).join("")).toBe("March");
    expect(d.alignment[8]).toEqual([15]);
    expect(d.alignment[9]).toEqual([15]);
    expect(formatDate(1999, 12, 25, "dmyShort").srcText).toBe("25 Dec 1999");
    const task = dateTask({ count: 300, seed: 0 });
    const dates = [...task.train, ...task.valid, ...task.test].map((p) => p.tgtText);
    expect(new Set(dates).size).toBe(300);
  });
});
