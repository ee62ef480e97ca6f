import { describe, expect, it } from "vitest";
import { nn } from "../../src";
import type { RecurrentOptions } from "../../src/nn";

/** The parameter-named properties a layer's type declares. */
type ParameterKeys<M> = Extract<keyof M, `${"weight" | "bias"}_${"ih" | "hh"}_l${string}`>;

/** Compiles only when A and B are the same type (checked by `tsc --noEmit -p .`). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function typesAgree<T extends true>(): T | undefined {
  return undefined;
}

/** The names PyTorch gives the parameters of these options, in registration order. */
function expectedNames(numLayers: number, bidirectional: boolean, bias: boolean): string[] {
  const names: string[] = [];
  for (let k = 0; k < numLayers; k++) {
    for (const sfx of bidirectional ? ["", "_reverse"] : [""]) {
      names.push(`weight_ih_l${k}${sfx}`, `weight_hh_l${k}${sfx}`);
      if (bias) names.push(`bias_ih_l${k}${sfx}`, `bias_hh_l${k}${sfx}`);
    }
  }
  return names;
}

/** Every name the instance answers as a property (what completion would list at run time). */
function propertyNames(m: object): string[] {
  return expectedNames(4, true, true).filter((name) => Reflect.get(m, name) !== undefined);
}

describe("recurrent parameter properties are typed by the layer's options", () => {
  it("types exactly the parameters a two-layer bidirectional LSTM has", () => {
    const lstm = new nn.LSTM({ inputSize: 4, hiddenSize: 8, numLayers: 2, bidirectional: true });
    const typed = [
      "weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
      "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
      "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
      "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse",
    ] as const;
    typesAgree<Same<ParameterKeys<typeof lstm>, (typeof typed)[number]>>();
    expect(propertyNames(lstm).sort()).toEqual([...typed].sort());
    expect(lstm.weight_hh_l1.shape).toEqual([32, 8]);
    expect(lstm.weight_ih_l1_reverse.shape).toEqual([32, 16]);
  });

  it("types only layer 0's forward parameters for a one-layer GRU, and no bias without bias", () => {
    const gru = new nn.GRU({ inputSize: 3, hiddenSize: 5 });
    typesAgree<Same<ParameterKeys<typeof gru>, "weight_ih_l0" | "weight_hh_l0" | "bias_ih_l0" | "bias_hh_l0">>();
    expect(propertyNames(gru)).toEqual(expectedNames(1, false, true));
    // @ts-expect-error a one-layer GRU has no layer 1
    expect(gru.weight_hh_l1).toBeUndefined();
    // @ts-expect-error a one-directional GRU has no reverse direction
    expect(gru.weight_hh_l0_reverse).toBeUndefined();
    const plain = new nn.RNN({ inputSize: 3, hiddenSize: 5, bias: false, numLayers: 3 });
    typesAgree<Same<ParameterKeys<typeof plain>, "weight_ih_l0" | "weight_hh_l0" | "weight_ih_l1" | "weight_hh_l1" | "weight_ih_l2" | "weight_hh_l2">>();
    expect(propertyNames(plain)).toEqual(expectedNames(3, false, false));
    // @ts-expect-error built with bias: false
    expect(plain.bias_ih_l0).toBeUndefined();
  });

  it("types only what every run-time configuration has when the options are not literal", () => {
    const options: RecurrentOptions = { inputSize: 2, hiddenSize: 3, numLayers: 2, bidirectional: true };
    const mgu = new nn.MGU(options);
    typesAgree<Same<ParameterKeys<typeof mgu>, "weight_ih_l0" | "weight_hh_l0" | "bias_ih_l0" | "bias_hh_l0">>();
    // bias is not literal here: the biases may be absent
    typesAgree<Same<typeof mgu.bias_ih_l0, nn.Parameter | undefined>>();
    expect(mgu.bias_ih_l0?.shape).toEqual([6]);
    const layers = Math.random() < 2 ? 2 : 3;
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, numLayers: layers });
    // layers is 2 | 3: layers 0 and 1 exist either way, layer 2 only sometimes
    expect(lstm.weight_hh_l1.shape).toEqual([12, 3]);
    // @ts-expect-error layer 2 exists only when layers is 3
    expect(lstm.weight_hh_l2).toBeUndefined();
  });

  it("keeps the layer's class for instanceof, the nn.LSTM type and this-returning methods", () => {
    const lstm = new nn.LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2 });
    const asModule: nn.Module = lstm;
    expect(asModule instanceof nn.LSTM).toBe(true);
    expect(asModule instanceof nn.GRU).toBe(false);
    const anyLstm: nn.LSTM = lstm;
    expect(anyLstm.weight_hh_l0.shape).toEqual([12, 3]);
    const noBias: nn.LSTM = new nn.LSTM({ inputSize: 2, hiddenSize: 3, bias: false });
    expect(noBias.bias_ih_l0).toBeUndefined();
    expect(lstm.eval().weight_hh_l1.shape).toEqual([12, 3]);
    expect(lstm.typeName).toBe("LSTM");
  });
});

describe("RNNBase.param reaches every parameter by stem, layer and direction", () => {
  const options = { inputSize: 4, hiddenSize: 8, numLayers: 2, bidirectional: true } as const;

  it("returns the registered parameter of PyTorch's name", () => {
    const lstm = new nn.LSTM(options);
    expect(lstm.param("weight_hh", 1, "reverse")).toBe(lstm.weight_hh_l1_reverse);
    expect(lstm.param("bias_ih")).toBe(lstm.bias_ih_l0);
    expect(lstm.param("weight_ih", 1).shape).toEqual([32, 16]);
  });

  it("names the layer's options when a layer, direction, bias or stem does not exist", () => {
    const lstm = new nn.LSTM(options);
    expect(() => lstm.param("weight_hh", 2)).toThrow("LSTM.param: layer must be an integer in [0, 2) (numLayers 2); got 2");
    expect(() => lstm.param("weight_hh", 0.5)).toThrow("got 0.5");
    const gru = new nn.GRU({ inputSize: 4, hiddenSize: 8, bias: false });
    expect(() => gru.param("weight_hh", 0, "reverse")).toThrow('GRU.param: direction "reverse" needs bidirectional: true; this GRU has one direction');
    expect(() => gru.param("bias_hh")).toThrow("GRU.param: bias_hh needs bias: true; this GRU was built with bias: false");
    // @ts-expect-error not a stem
    expect(() => gru.param("weight_xh")).toThrow('GRU.param: stem must be one of weight_ih, weight_hh, bias_ih, bias_hh; got "weight_xh"');
    // @ts-expect-error not a direction
    expect(() => gru.param("weight_hh", 0, "backward")).toThrow('GRU.param: direction must be "forward" or "reverse"; got "backward"');
  });
});
