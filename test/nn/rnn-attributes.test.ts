import { describe, expect, it } from "vitest";
import { init, nn } from "../../src";

describe("recurrent layers expose their parameters as PyTorch attributes", () => {
  it("reads weight_hh_l0 and the reverse and deeper layers by name", () => {
    const lstm = new nn.LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true });
    const named = Object.fromEntries(lstm.namedParameters());
    expect(lstm.weight_hh_l0).toBe(named["weight_hh_l0"]);
    expect(lstm.weight_hh_l0.shape).toEqual([16, 4]);
    expect(lstm.weight_ih_l1?.shape).toEqual([16, 8]);
    expect(lstm.weight_hh_l0_reverse).toBe(named["weight_hh_l0_reverse"]);
    expect(lstm.bias_ih_l0?.shape).toEqual([16]);
  });

  it("lets initializers work on the attribute in place (the IRNN recipe)", () => {
    const rnn = new nn.RNN({ inputSize: 2, hiddenSize: 4, nonlinearity: "relu" });
    init.eye_(rnn.weight_hh_l0);
    expect(Array.from(rnn.weight_hh_l0.data)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
  });

  it("does not list the attributes twice among the parameters", () => {
    const gru = new nn.GRU({ inputSize: 2, hiddenSize: 3 });
    expect(gru.namedParameters().map(([n]) => n)).toEqual(["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]);
  });
});
