import { describe, expect, it } from "vitest";
import { Tensor, arange, loss, manualSeed, nn, randn, tensor, train } from "../../src";

describe("batchify", () => {
  it("lays a stream out in B contiguous columns and drops the remainder, as PyTorch's example", () => {
    const source = train.batchify([0, 1, 2, 3, 4, 5, 6], 2);
    expect(source.dtype).toBe("int32");
    expect(source.toArray()).toEqual([[0, 3], [1, 4], [2, 5]]);
    const big = train.batchify(arange(0, 26, 1, { dtype: "int32" }), 4);
    expect(big.shape).toEqual([6, 4]);
    // source[t, b] = stream[b * T + t]
    for (let t = 0; t < 6; t++) for (let b = 0; b < 4; b++) expect(big.data[t * 4 + b]).toBe(b * 6 + t);
  });
  it("rejects streams too short, bad batch sizes and non-integer ids", () => {
    expect(() => train.batchify([1, 2], 3)).toThrow(/batchify: the stream is too short for 3 columns; expected at least 3 tokens, got 2/);
    expect(() => train.batchify([1, 2], 0)).toThrow(/batchify: batchSize must be an integer >= 1; got 0/);
    expect(() => train.batchify(tensor([1, 2]), 1)).toThrow(/batchify: stream must hold int32 token ids; got float32 of shape \[2\]/);
    expect(() => train.batchify([1, 2.5], 1)).toThrow(/token ids must be int32 integers; got 2.5 at index 1/);
  });
});

describe("getChunk and chunks", () => {
  const source = train.batchify(arange(0, 20, 1, { dtype: "int32" }), 2); // [10, 2]
  it("gives inputs and next-token targets of k steps", () => {
    const { input, target } = train.getChunk(source, 2, 3);
    expect(input.toArray()).toEqual([[2, 12], [3, 13], [4, 14]]);
    expect(target.toArray()).toEqual([[3, 13], [4, 14], [5, 15]]);
  });
  it("shortens the last chunk so targets stay inside the source", () => {
    const { input, target } = train.getChunk(source, 7, 5);
    expect(input.shape).toEqual([2, 2]);
    expect(target.toArray()).toEqual([[8, 18], [9, 19]]);
  });
  it("chunks covers every input row once, in order", () => {
    const all = [...train.chunks(source, 4)];
    expect(all.map((c) => c.start)).toEqual([0, 4, 8]);
    expect(all.map((c) => c.input.shape[0])).toEqual([4, 4, 1]);
    const rows = all.flatMap((c) => [...c.input.data]);
    expect(rows).toEqual([...source.data.slice(0, 18)]);
  });
  it("rejects starts out of range and sources that are not [T, B]", () => {
    expect(() => train.getChunk(source, 9, 2)).toThrow(/getChunk: start row i must be an integer in \[0, 8\] for a source \[10, 2\]; got 9/);
    expect(() => train.getChunk(source, 0, 0)).toThrow(/getChunk: k must be an integer >= 1; got 0/);
    expect(() => train.getChunk(tensor([1, 2], { dtype: "int32" }), 0, 1)).toThrow(/getChunk: source must be a batchified \[T, B\] tensor \(see batchify\); got \[2\]/);
  });
});

describe("detachState and truncated BPTT", () => {
  it("keeps the values and structure of an LSTM state but cuts its history", () => {
    const h = randn([1, 2, 3], { requiresGrad: true }).mul(2);
    const c = randn([1, 2, 3], { requiresGrad: true }).mul(3);
    const d = train.detachState({ h, c });
    expect([...d.h.data]).toEqual([...h.data]);
    expect(d.h.requiresGrad).toBe(false);
    expect(d.c.gradFn).toBeNull();
    expect(train.detachState(null)).toBeNull();
    const list = train.detachState([h, c]);
    expect(list[1]?.requiresGrad).toBe(false);
  });

  it("makes the gradient of a chunk equal to that of the chunk alone from the carried state", () => {
    manualSeed(4);
    const rnn = new nn.RNN({ inputSize: 3, hiddenSize: 4, dtype: "float64" });
    const x1 = randn([5, 2, 3], { dtype: "float64" });
    const x2 = randn([5, 2, 3], { dtype: "float64" });
    const targets = tensor([[0, 1], [2, 3], [1, 1], [0, 2], [3, 0]], { dtype: "int32" });
    const gradOf = (run: () => Tensor): Float64Array => {
      rnn.zeroGrad();
      loss.crossEntropy(run(), targets).backward();
      const grads = rnn.parameters().map((p) => [...(p.grad?.data ?? [])]);
      expect(grads.every((g) => g.length > 0)).toBe(true);
      return Float64Array.from(grads.flat());
    };
    const first = rnn.forward(x1);
    const carried = train.detachState(first.h);
    const truncated = gradOf(() => rnn.forward(x2, carried).output);
    const fresh = tensor(Float64Array.from(carried.data), { shape: carried.shape });
    const alone = gradOf(() => rnn.forward(x2, fresh).output);
    expect([...truncated]).toEqual([...alone]);
    // without detaching, the gradient also flows into the first chunk and differs
    const full = gradOf(() => rnn.forward(x2, rnn.forward(x1).h).output);
    expect(Math.max(...full.map((v, i) => Math.abs(v - (alone[i] as number))))).toBeGreaterThan(1e-6);
  });
});
