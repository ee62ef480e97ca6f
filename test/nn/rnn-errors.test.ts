import { describe, expect, it } from "vitest";
import { DTypeError, ShapeError, ValueError, manualSeed, nn, ones, randn } from "../../src";

/** The parameter values of a module, to check that a failed call changed nothing. */
function snapshot(m: nn.Module): number[][] {
  return m.parameters().map((p) => Array.from(p.data));
}

/** Expects `fn` to throw `type` with exactly `message`, and `m` to keep its parameters and grads. */
function expectRejected(m: nn.Module, fn: () => unknown, type: new (...args: never[]) => Error, message: string): void {
  const before = snapshot(m);
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(type);
  expect((error as Error).message).toBe(message);
  expect(snapshot(m)).toEqual(before);
  expect(m.parameters().every((p) => p.grad === null)).toBe(true);
}

describe("recurrent layers reject bad input with typed errors naming the module, argument and shapes", () => {
  manualSeed(40);
  const lstm = new nn.LSTM({ inputSize: 8, hiddenSize: 32, numLayers: 2 });
  const x = randn([5, 4, 8]);

  it("a wrong initial state shape", () => {
    expectRejected(lstm, () => lstm.forward(x, { h: ones([4, 32]), c: ones([2, 4, 32]) }), ShapeError, "LSTM.forward: h0 must be [2, 4, 32] (numLayers*directions, B, H); got [4, 32]");
    expectRejected(lstm, () => lstm.forward(x, { h: ones([2, 4, 32]), c: ones([2, 3, 32]) }), ShapeError, "LSTM.forward: c0 must be [2, 4, 32] (numLayers*directions, B, H); got [2, 3, 32]");
    const gru = new nn.GRU({ inputSize: 8, hiddenSize: 3, bidirectional: true });
    expectRejected(gru, () => gru.forward(randn([5, 8]), ones([2, 1, 3])), ShapeError, "GRU.forward: h0 must be [2, 3] (numLayers*directions, H) for unbatched input; got [2, 1, 3]");
  });

  it("a wrong rank", () => {
    expectRejected(lstm, () => lstm.forward(ones([5, 4, 8, 1])), ShapeError, "LSTM.forward: input must be [T, B, inputSize] or unbatched [T, inputSize]; expected 3 or 2 dims, got [5, 4, 8, 1]");
    const bf = new nn.RNN({ inputSize: 8, hiddenSize: 2, batchFirst: true });
    expectRejected(bf, () => bf.forward(ones([8])), ShapeError, "RNN.forward: input must be [B, T, inputSize] or unbatched [T, inputSize]; expected 3 or 2 dims, got [8]");
  });

  it("a wrong feature size", () => {
    expectRejected(lstm, () => lstm.forward(ones([5, 4, 7])), ShapeError, "LSTM.forward: input feature size must equal inputSize; expected 8, got 7 (input [5, 4, 7], layout [T, B, inputSize])");
  });

  it("a wrong dtype", () => {
    expectRejected(lstm, () => lstm.forward(ones([5, 4, 8], { dtype: "float64" })), DTypeError, "LSTM.forward: input must have the parameters' dtype; expected float32, got float64 for input [5, 4, 8]");
  });

  it("lengths out of range or of the wrong count", () => {
    const msg = (got: string): string => `LSTM.forward: lengths must hold one integer in [1, T] per sequence; expected 4 values in [1, 5], got ${got}`;
    expectRejected(lstm, () => lstm.forward(x, null, { lengths: [5, 6, 1, 1] }), ValueError, msg("[5, 6, 1, 1]"));
    expectRejected(lstm, () => lstm.forward(x, null, { lengths: [5, 0, 1, 1] }), ValueError, msg("[5, 0, 1, 1]"));
    expectRejected(lstm, () => lstm.forward(x, null, { lengths: [5, 2] }), ValueError, msg("[5, 2]"));
    expectRejected(lstm, () => lstm.forward(x, null, { lengths: [5, 2.5, 1, 1] }), ValueError, msg("[5, 2.5, 1, 1]"));
  });

  it("unknown options, in the constructor and in forward", () => {
    expect(() => new nn.LSTM({ inputSize: 2, hiddenSize: 3, hidden: 4 } as never)).toThrow(ValueError);
    expect(() => new nn.LSTM({ inputSize: 2, hiddenSize: 3, hidden: 4 } as never)).toThrow(
      'LSTM: unknown option "hidden"; expected one of inputSize, hiddenSize, numLayers, bias, batchFirst, dropout, bidirectional, fused, dtype, got hidden',
    );
    expect(() => new nn.LSTM({ inputSize: 2, hiddenSize: 3, nonlinearity: "relu" } as never)).toThrow('LSTM: unknown option "nonlinearity"');
    expect(() => new nn.RNN({ inputSize: 2, hiddenSize: 3, nonlinearity: "sigmoid" } as never)).toThrow('RNN: nonlinearity must be "tanh" or "relu"; got sigmoid');
    expect(() => new nn.GRU({ inputSize: 0, hiddenSize: 3 })).toThrow("GRU: inputSize must be a positive integer; got 0");
    expect(() => new nn.GRU({ inputSize: 2, hiddenSize: 3, dropout: 2 })).toThrow("GRU: dropout must be a probability in [0, 1]; got 2");
    expectRejected(lstm, () => lstm.forward(x, null, { length: [1] } as never), ValueError, 'LSTM.forward: unknown option "length"; expected one of lengths, got length (did you mean "lengths"?)');
  });
});

describe("cells reject bad input", () => {
  it("a wrong input or state shape", () => {
    const cell = new nn.LSTMCell({ inputSize: 3, hiddenSize: 2 });
    expectRejected(cell, () => cell.forward(ones([4, 2])), ShapeError, "LSTMCell.forward: input must be [B, inputSize] or [inputSize]; expected [B, 3] or [3], got [4, 2]");
    expectRejected(cell, () => cell.forward(ones([4, 3]), { h: ones([4, 2]), c: ones([2]) }), ShapeError, "LSTMCell.forward: cx must be [4, 2] (B, H); got [2]");
    const gru = new nn.GRUCell({ inputSize: 3, hiddenSize: 2 });
    expectRejected(gru, () => gru.forward(ones([3]), ones([1, 2])), ShapeError, "GRUCell.forward: hx must be [2] (H); got [1, 2]");
    expect(() => new nn.RNNCell({ inputSize: 3, hiddenSize: 2, numLayers: 2 } as never)).toThrow('RNNCell: unknown option "numLayers"');
  });
});

describe("unbatched and batch-first layouts", () => {
  it("accept [T, D] input and return [T, D*H] output and [L*D, H] states", () => {
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 2, bidirectional: true, numLayers: 2 });
    const r = lstm.forward(randn([5, 3]));
    expect([r.output.shape, r.h.shape, r.c.shape]).toEqual([[5, 4], [4, 2], [4, 2]]);
  });

  it("keep states [L*D, B, H] with batchFirst", () => {
    const gru = new nn.GRU({ inputSize: 3, hiddenSize: 2, batchFirst: true });
    const r = gru.forward(randn([4, 6, 3]));
    expect([r.output.shape, r.h.shape]).toEqual([[4, 6, 2], [1, 4, 2]]);
  });

  it("feed a result back as the next state", () => {
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 2 });
    const first = lstm.forward(randn([2, 1, 3]));
    const second = lstm.forward(randn([2, 1, 3]), first);
    expect(second.h.shape).toEqual([1, 1, 2]);
  });
});
