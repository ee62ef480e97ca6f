import { describe, expect, it } from "vitest";
import { Generator, multinomial, oneHot, tensor } from "../../src";

describe("multinomial", () => {
  it("draws categories in proportion to their weights (weights need not sum to 1)", () => {
    const gen = new Generator(7);
    const draws = multinomial(tensor([1, 0, 3]), 4000, { replacement: true, generator: gen });
    const counts = [0, 0, 0];
    draws.data.forEach((c) => {
      const k = c as number;
      counts[k] = (counts[k] ?? 0) + 1;
    });
    expect(counts[1]).toBe(0);
    // P(2) = 0.75; 4000 draws give a standard deviation of about 0.007
    expect((counts[2] as number) / 4000).toBeGreaterThan(0.72);
    expect((counts[2] as number) / 4000).toBeLessThan(0.78);
  });

  it("without replacement draws each category at most once per row", () => {
    const draws = multinomial(tensor([[1, 1, 1, 1], [5, 0, 1, 1]]), 3, { generator: new Generator(3) });
    expect(draws.shape).toEqual([2, 3]);
    for (const row of draws.toArray() as number[][]) expect(new Set(row).size).toBe(3);
    expect((draws.toArray() as number[][])[1]).not.toContain(1);
  });

  it("the same generator seed gives the same samples", () => {
    const a = multinomial(tensor([0.2, 0.3, 0.5]), 10, { replacement: true, generator: new Generator(11) });
    const b = multinomial(tensor([0.2, 0.3, 0.5]), 10, { replacement: true, generator: new Generator(11) });
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
  });

  it("refuses rows with too few non-zero weights and negative weights, naming the row", () => {
    expect(() => multinomial(tensor([1, 0, 0]), 2)).toThrow(/^multinomial: row 0 has 1 non-zero weights; expected at least 2 to draw 2 without replacement/);
    expect(() => multinomial(tensor([1, -1]), 1)).toThrow(/^multinomial: weights must be finite and non-negative; got -1 at row 0, column 1 of \[2\]/);
  });
});

describe("oneHot", () => {
  it("infers the number of classes and rejects out-of-range classes", () => {
    expect(oneHot(tensor([2, 0], { dtype: "int32" })).toArray()).toEqual([[0, 0, 1], [1, 0, 0]]);
    expect(() => oneHot(tensor([3], { dtype: "int32" }), 3)).toThrow(/^oneHot: class 3 at flat index 0 is out of range; expected 0 <= class < 3/);
  });
});
