import { ValueError } from "../../errors";
import { Tensor } from "../../tensor/tensor";
import { RECURRENT_OPTION_NAMES, RNNBase, RecurrentOptions, RecurrentResult, SequenceOptions } from "./rnn-base";

/** The result of an LSTM: output, and the final hidden and cell states [numLayers*D, B, H]. */
export interface LSTMResult extends RecurrentResult {
  c: Tensor;
}

/** An LSTM state: both h and c, [numLayers*D, B, H] (or a previous `LSTMResult`). */
export interface LSTMState {
  h: Tensor;
  c: Tensor;
}

/**
 * A multi-layer LSTM (PyTorch's `nn.LSTM`, Hochreiter and Schmidhuber 1997, with forget gate).
 * For each layer and step:
 *
 *   i_t = s(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)      input gate
 *   f_t = s(W_if x_t + b_if + W_hf h_{t-1} + b_hf)      forget gate
 *   g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)   candidate (the slides' c~_t)
 *   o_t = s(W_io x_t + b_io + W_ho h_{t-1} + b_ho)      output gate
 *   c_t = f_t * c_{t-1} + i_t * g_t,   h_t = o_t * tanh(c_t)
 *
 * Where x_t [B, D], h_t, c_t and the gates [B, H]; `weight_ih_l{k}` [4H, D] packs W_ii|W_if|W_ig|W_io
 * (the slides' W_xi, W_xf, W_xc, W_xo), `weight_hh_l{k}` [4H, H] packs W_hi|W_hf|W_hg|W_ho,
 * `bias_ih_l{k}` and `bias_hh_l{k}` [4H] (their sum is the slides' b_i|b_f|b_c|b_o).
 * Inputs: x [T, B, D] ([B, T, D] with batchFirst, [T, D] unbatched), state `{ h, c }`
 * [numLayers*directions, B, H] (zeros by default). Returns `{ output, h, c }`, output
 * [T, B, directions*H]. Init: U(-1/sqrt(H), 1/sqrt(H)). Lecture: gated recurrent units.
 *
 * @example
 * const lstm = new nn.LSTM({ inputSize: 64, hiddenSize: 256, batchFirst: true });
 * const { output, h, c } = lstm.forward(x); // x [32, 64, 64] -> output [32, 64, 256]
 */
export class LSTM extends RNNBase {
  constructor(options: RecurrentOptions) {
    super("LSTM", "lstm", options, RECURRENT_OPTION_NAMES);
  }

  /** Runs the sequence; the state defaults to zeros; `lengths` handles padded batches. */
  forward(x: Tensor, state?: LSTMState | null, options: SequenceOptions = {}): LSTMResult {
    if (state !== null && state !== undefined && (!(state.h instanceof Tensor) || !(state.c instanceof Tensor))) {
      throw new ValueError(`LSTM.forward: state must be { h, c } with both tensors; got { h: ${typeof state.h}, c: ${typeof state.c} }`);
    }
    const h0 = state?.h ?? undefined;
    const c0 = state?.c ?? undefined;
    const [seq, lengths] = this.checkForward(x, [["h0", h0], ["c0", c0]], options);
    const out = this.runLayers(x, seq, lengths, h0, c0);
    const c = out.c;
    if (c === null) throw new ValueError("LSTM.forward: the cell state is missing; expected a tensor, got null");
    return { output: out.output, h: out.h, c };
  }
}
