import { afterEach, describe, expect, it } from "vitest";
import { getBackend, listBackends, setBackend } from "../../src/backend";
import { ValueError } from "../../src/errors";
import * as ops from "../../src/ops";
import { RNN } from "../../src/nn";
import { tensor } from "../../src/tensor";
import type { Tensor } from "../../src/tensor";

const x = (): Tensor => tensor([NaN, -1, 2]);
const rows = (): Tensor => tensor([[NaN, -1, 2], [1, 2, 3]]);

const ACTIVATIONS: Record<string, (t: Tensor) => Tensor> = {
  relu: ops.relu,
  tanh: ops.tanh,
  sigmoid: ops.sigmoid,
  exp: ops.exp,
  abs: ops.abs,
  neg: ops.neg,
  clamp: (t) => ops.clamp(t, -0.5, 0.5),
  maximum: (t) => ops.maximum(t, tensor([0, 0, 0])),
};

const REDUCTIONS: Record<string, (t: Tensor) => Tensor> = {
  sum: (t) => ops.sum(t, 1),
  mean: (t) => ops.mean(t, 1),
  amax: (t) => ops.amax(t, 1),
  max: (t) => ops.max(t, 1).values,
};

describe("NaN in, NaN out", () => {
  it.each(Object.keys(ACTIVATIONS))("%s keeps a NaN input NaN (relu used to give 0)", (name) => {
    const out = (ACTIVATIONS[name] as (t: Tensor) => Tensor)(x());
    expect(Number.isNaN(out.data[0])).toBe(true);
    expect(Number.isNaN(out.data[2])).toBe(false);
  });

  it.each(Object.keys(REDUCTIONS))("%s over a row holding NaN is NaN, other rows untouched", (name) => {
    const out = (REDUCTIONS[name] as (t: Tensor) => Tensor)(rows());
    expect(Number.isNaN(out.data[0])).toBe(true);
    expect(Number.isNaN(out.data[1])).toBe(false);
  });

  it("relu gives max(x, 0) elsewhere", () => {
    expect(Array.from(ops.relu(tensor([-3, 0, 4])).data)).toEqual([0, 0, 4]);
  });

  it("clamp with a NaN bound raises a ValueError naming clamp", () => {
    expect(() => ops.clamp(x(), NaN)).toThrow(ValueError);
    expect(() => ops.clamp(x(), 0, NaN)).toThrow(/^clamp: min and max must be numbers, not NaN/);
  });

  describe.each(listBackends())("a ReLU RNN on the %s backend", (backend) => {
    const before = getBackend().name;
    afterEach(() => setBackend(before));

    it.each([true, false])("passes NaN through its cell (fused %s)", (fused) => {
      setBackend(backend);
      const rnn = new RNN({ inputSize: 1, hiddenSize: 5, nonlinearity: "relu", fused });
      const out = rnn.forward(tensor([[[NaN]], [[1]]])).output;
      expect(Array.from(out.data).every(Number.isNaN)).toBe(true);
    });
  });
});
