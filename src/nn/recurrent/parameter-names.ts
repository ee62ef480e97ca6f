import type { Parameter } from "../parameter";

/**
 * The parameters of a recurrent layer as its options make them, by PyTorch's names: for every layer
 * k < numLayers and direction ("" forward, "_reverse" backward when bidirectional),
 *
 *   h_t = f(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)      (gates stacked in G blocks of H rows)
 *
 * - `weight_ih_l{k}` = W_ih [G*H, D] (D = inputSize for k = 0, else directions*H): the slides' W_xh
 * - `weight_hh_l{k}` = W_hh [G*H, H]: the recurrent matrix W (W_hh)
 * - `bias_ih_l{k}`, `bias_hh_l{k}` = b_ih, b_hh [G*H] (when `bias` is true): their sum is the slides' b_h
 *
 * G is 1 for RNN, 4 for LSTM (i|f|g|o), 3 for GRU (r|z|n), 2 for MGU (f|h).
 *
 * Types follow the options written in the constructor call: `new nn.LSTM({ inputSize: 4,
 * hiddenSize: 8, numLayers: 2, bidirectional: true })` has `weight_hh_l1` and
 * `weight_hh_l0_reverse`, a one-layer LSTM has neither (a compile error, and completion does not
 * offer them). Options known only at run time (a `numLayers: number` variable) give layer 0's
 * weights only (and its biases as optional when `bias` is not literal);
 * `layer.param("weight_hh", k, "reverse")` reaches every parameter and checks k and the direction
 * against the layer. Literal layer counts are typed up to 32 layers.
 */
export type RecurrentParameters<O> = {
  /** W_ih of layer k (`_reverse`: the backward direction), [G*H, D]; the slides' W_xh. */
  [Name in ParameterName<"weight_ih", O>]: Parameter;
} & {
  /** W_hh of layer k (`_reverse`: the backward direction), [G*H, H]; the slides' recurrent W. */
  [Name in ParameterName<"weight_hh", O>]: Parameter;
} & {
  /** b_ih and b_hh of layer k, [G*H] (layers built with `bias: true`, the default). */
  [Name in BiasName<"bias_ih" | "bias_hh", O, true>]: Parameter;
} & {
  /** b_ih and b_hh of layer k, [G*H], when `bias` is known only at run time: absent without bias. */
  [Name in BiasName<"bias_ih" | "bias_hh", O, boolean>]?: Parameter;
};

/** The stem of a recurrent parameter's name: `weight_ih`, `weight_hh`, `bias_ih` or `bias_hh`. */
export type ParameterStem = "weight_ih" | "weight_hh" | "bias_ih" | "bias_hh";

/** A direction of a bidirectional layer: "forward" (no suffix) or "reverse" (`_reverse`). */
export type Direction = "forward" | "reverse";

/** A recurrent layer built with options of type O: its class and the parameters O makes. */
export type Configured<Layer, O> = Layer & RecurrentParameters<O>;

/**
 * A recurrent layer's constructor: `new` with literal options gives an instance whose parameter
 * properties are typed by them (see `RecurrentParameters`); `instanceof` narrows to `Layer`.
 */
export interface RecurrentConstructor<Layer, Options> {
  new <const O extends Options>(options: O): Configured<Layer, O>;
  readonly prototype: Layer;
}

/**
 * `layer`'s constructor typed as a `RecurrentConstructor`. At run time it is `layer` itself:
 * `RNNBase` defines a property for every parameter it registers (`exposeParameters`), which are
 * exactly the names `RecurrentParameters` lists for the options it was built with (the test
 * `test/nn/rnn-parameter-types.test.ts` compares both for every option combination).
 */
export function configuredParameters<Layer, Options>(layer: new (options: Options) => Layer): RecurrentConstructor<Layer, Options>;
export function configuredParameters(layer: object): object {
  return layer;
}

/** The value of option K in options type O, or `Default` when the call does not write K. */
type OptionOf<O, K extends string, Default> = K extends keyof O ? O[K] : Default;

/** 0 .. N-1 for a literal N (tail-recursive, so N up to about 1000 would work). */
type Below<N extends number, Acc extends number[] = []> = Acc["length"] extends N ? Acc[number] : Below<N, [...Acc, Acc["length"]]>;

/** Layer counts typed one by one; larger literal counts type layers 0..31. */
type TypedCount = Exclude<Below<33>, 0>;

/**
 * The layers k every value of `numLayers` has (k < numLayers for each member of a union): layer 0
 * always, the others only for literal counts (`number` or a variable gives layer 0 alone).
 */
type LayerIndex<O> =
  | 0
  | {
      [K in Below<32>]: [OptionOf<O, "numLayers", 1>] extends [Exclude<TypedCount, Below<K> | K>] ? K : never;
    }[Below<32>];

/** "" and "_reverse" for `bidirectional: true`, "" otherwise (false, absent or not literal). */
type DirectionSuffix<O> = [OptionOf<O, "bidirectional", false>] extends [true] ? "" | "_reverse" : "";

type ParameterName<Stem extends string, O> = `${Stem}_l${LayerIndex<O>}${DirectionSuffix<O>}`;

/**
 * The bias names when `bias` is `Known`: true (written true, or absent: the default) gives the
 * names that exist; boolean (not literal) the names that may exist; false neither.
 */
type BiasName<Stem extends string, O, Known extends boolean> = [OptionOf<O, "bias", true>] extends [false]
  ? never
  : [OptionOf<O, "bias", true>] extends [true]
    ? Known extends true ? ParameterName<Stem, O> : never
    : Known extends true ? never : ParameterName<Stem, O>;
