import { describe, expect, it } from "vitest";
import "../../src/backend";
import { ValueError } from "../../src/errors";
import { AdditiveAttention, DotAttention, GeneralAttention, ScaledDotProductAttention, paddingMask } from "../../src/nn";
import { RNNLM } from "../../src/models/rnnlm";
import { sampleToken } from "../../src/generate";
import { Generator } from "../../src/tensor/random";
import { randn, tensor } from "../../src/tensor";

describe("paddingMask", () => {
  it("marks i >= length in each row", () => {
    expect(Array.from(paddingMask([3, 1], 3).data)).toEqual([0, 0, 0, 0, 1, 1]);
  });

  it.each([[[3, -1]], [[3, 4]], [[0, 2]], [[1.5, 2]], [[NaN, 2]]])("rejects lengths %j for width 3 (a negative one used to mask the previous row)", (lengths) => {
    expect(() => paddingMask(lengths, 3)).toThrow(ValueError);
    expect(() => paddingMask(lengths, 3)).toThrow(/^paddingMask: lengths must be integers in \[1, 3\]/);
  });

  it("rejects a width that is not a positive integer", () => {
    expect(() => paddingMask([1], 0)).toThrow(/^paddingMask: width must be a positive integer; got 0/);
  });
});

describe("attention forward options", () => {
  const q = randn([2, 4]);
  const k = randn([2, 3, 4]);
  const modules = {
    DotAttention: new DotAttention(),
    ScaledDotProductAttention: new ScaledDotProductAttention(),
    GeneralAttention: new GeneralAttention(4, 4),
    AdditiveAttention: new AdditiveAttention(4, 4, { attnDim: 5 }),
  };

  it.each(Object.keys(modules))("%s.forward rejects a misspelt mask (it used to apply no mask)", (name) => {
    const m = modules[name as keyof typeof modules];
    const maks = paddingMask([3, 2], 3);
    expect(() => m.forward(q, k, k, { maks } as never)).toThrow(new RegExp(`^${name}.forward: unknown option "maks"`));
  });

  it.each(Object.keys(modules))("%s.forward still takes { mask }", (name) => {
    const m = modules[name as keyof typeof modules];
    const out = m.forward(q, k, k, { mask: paddingMask([3, 2], 3) });
    expect(out.weights.data[5]).toBe(0);
  });
});

describe("RNNLM.generate and sampleToken", () => {
  it("generate rejects a misspelt length", () => {
    const lm = new RNNLM({ vocabSize: 5, hiddenSize: 4 });
    expect(() => lm.generate({ lenght: 3 } as never)).toThrow(/^RNNLM.generate: unknown option "lenght"/);
    expect(lm.generate({ length: 3, prefix: [1] }).ids).toHaveLength(4);
  });

  it("sampleToken raises on NaN logits (it returned the last id) and on an empty list (undefined)", () => {
    const gen = new Generator(0);
    expect(() => sampleToken([0, NaN, 1], {}, gen)).toThrow(/^sampleToken: logits must not be NaN; got NaN at index 1 of 3/);
    expect(() => sampleToken([0, NaN], { temperature: 0 }, gen)).toThrow(ValueError);
    expect(() => sampleToken([], {}, gen)).toThrow(/^sampleToken: logits must hold at least one score/);
    expect(sampleToken(tensor([0, 50, 0]).data, { temperature: 0 }, gen)).toBe(1);
  });
});
