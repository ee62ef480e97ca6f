import { ValueError } from "../../errors";
import { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";

/** Options of `RNN`: the shared ones plus the nonlinearity. */
export interface RNNOptions extends RecurrentOptions {
  /** "tanh" (default) or "relu" (the IRNN of Deep Learning for Engineers, lecture 11). */
  nonlinearity?: "tanh" | "relu";
}

/**
 * A multi-layer Elman RNN (PyTorch's `nn.RNN`). For each layer and step:
 *
 *   h_t = tanh(W_xh x_t + b_ih + W_hh h_{t-1} + b_hh)        (ReLU with nonlinearity "relu")
 *
 * Where (one layer, one direction; D = inputSize, or H * directions above layer 0):
 * - x_t [B, D]: input of step t; h_t [B, H]: hidden state, h_{-1} = h0 (zeros by default)
 * - W_xh = `weight_ih_l{k}` [H, D], W_hh = `weight_hh_l{k}` [H, H], b_ih, b_hh = `bias_ih_l{k}`, `bias_hh_l{k}` [H]
 *
 * Slide to code: the lecture's single bias b_h is b_ih + b_hh; `_reverse` names the backward
 * direction of a bidirectional layer. Inputs: x [T, B, D] ([B, T, D] with batchFirst, [T, D]
 * unbatched), h0 [numLayers*directions, B, H]. Returns `{ output, h }`: output [T, B, directions*H]
 * (the last layer's h_t for every t), h [numLayers*directions, B, H] (each layer's final state).
 * Init: U(-1/sqrt(H), 1/sqrt(H)). Deep Learning for Engineers, lecture 11 (vanilla RNN, IRNN).
 *
 * @example
 * const rnn = new nn.RNN({ inputSize: 10, hiddenSize: 20, numLayers: 2 });
 * const { output, h } = rnn.forward(randn([5, 3, 10])); // [5, 3, 20], [2, 3, 20]
 */
export class RNN extends RNNBase {
  readonly nonlinearity: "tanh" | "relu";

  constructor(options: RNNOptions) {
    super("RNN", nonlinearityOf("RNN", options), options, [...RECURRENT_OPTION_NAMES, "nonlinearity"]);
    this.nonlinearity = options.nonlinearity ?? "tanh";
  }

  /** Runs the sequence; `h0` defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, h0?: Tensor | { h: Tensor } | null, options: SequenceOptions = {}): RecurrentResult {
    const h = stateTensor(h0);
    const [seq, lengths] = this.checkForward(x, [["h0", h]], options);
    const out = this.runLayers(x, seq, lengths, h);
    return { output: out.output, h: out.h };
  }
}

/** The cell kind of an RNN's options, validating `nonlinearity`. */
export function nonlinearityOf(owner: string, options: RNNOptions): "rnn_tanh" | "rnn_relu" {
  const v = typeof options === "object" && options !== null ? options.nonlinearity : undefined;
  if (v === undefined || v === "tanh") return "rnn_tanh";
  if (v === "relu") return "rnn_relu";
  throw new ValueError(`${owner}: nonlinearity must be "tanh" or "relu"; got ${String(v)}`);
}

/** A hidden state given as a tensor or as `{ h }` (a previous result), or undefined. */
export function stateTensor(s: Tensor | { h: Tensor } | null | undefined): Tensor | undefined {
  if (s === null || s === undefined) return undefined;
  return s instanceof Tensor ? s : s.h;
}
